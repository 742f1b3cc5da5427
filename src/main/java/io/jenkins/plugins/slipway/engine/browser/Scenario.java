package io.jenkins.plugins.slipway.engine.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * One scenario: a name and its steps. A scenario file is {@code {"scenarios": [ ... ]}}.
 */
public record Scenario(String name, List<Step> steps) {

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every scenario needs a name");
        }
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("scenario '" + name + "' has no steps");
        }
        steps = List.copyOf(steps);
    }

    /** The content of one scenario file. */
    public record File(List<Scenario> scenarios) {
        public File {
            if (scenarios == null || scenarios.isEmpty()) {
                throw new IllegalArgumentException("the file has no scenarios: expected {\"scenarios\": [{\"name\": ..., \"steps\": [...]}]}");
            }
            scenarios = List.copyOf(scenarios);
        }
    }

    /**
     * One step. Exactly one action field is set; {@code into}, {@code in}, {@code name} and
     * {@code timeoutSeconds} qualify it. Elements are written {@code id=...}, {@code name=...},
     * {@code css=...}, {@code link=...} (link text) or {@code xpath=...}; a bare value is a CSS selector.
     */
    public record Step(
            String open,
            String type,
            String into,
            String click,
            String submit,
            String waitFor,
            String waitForText,
            String assertTitle,
            String assertText,
            String in,
            String assertElement,
            Integer assertStatus,
            String screenshot,
            String name,
            Integer timeoutSeconds) {

        public Step {
            List<String> actions = actions(open, type, click, submit, waitFor, waitForText, assertTitle, assertText,
                    assertElement, assertStatus, screenshot);
            if (actions.size() != 1) {
                throw new IllegalArgumentException("a step needs exactly one action of open, type, click, submit, "
                        + "waitFor, waitForText, assertTitle, assertText, assertElement, assertStatus, screenshot; "
                        + (actions.isEmpty() ? "found none" : "found " + actions));
            }
            if (type != null && (into == null || into.isBlank())) {
                throw new IllegalArgumentException("the step {\"type\": \"" + type + "\"} needs \"into\": the field to type into, e.g. \"id=query\"");
            }
            if (into != null && type == null) {
                throw new IllegalArgumentException("\"into\" belongs to a \"type\" step");
            }
            if (in != null && assertText == null && waitForText == null) {
                throw new IllegalArgumentException("\"in\" belongs to an \"assertText\" or \"waitForText\" step");
            }
            for (String locator : new String[] {into, click, submit, waitFor, assertElement, in}) {
                if (locator != null) {
                    Locator.parse(locator);
                }
            }
            if (timeoutSeconds != null && timeoutSeconds <= 0) {
                throw new IllegalArgumentException("timeoutSeconds must be positive, was " + timeoutSeconds);
            }
        }

        private static List<String> actions(String open, String type, String click, String submit, String waitFor,
                String waitForText, String assertTitle, String assertText, String assertElement, Integer assertStatus,
                String screenshot) {
            List<String> found = new ArrayList<>();
            add(found, "open", open);
            add(found, "type", type);
            add(found, "click", click);
            add(found, "submit", submit);
            add(found, "waitFor", waitFor);
            add(found, "waitForText", waitForText);
            add(found, "assertTitle", assertTitle);
            add(found, "assertText", assertText);
            add(found, "assertElement", assertElement);
            add(found, "assertStatus", assertStatus);
            add(found, "screenshot", screenshot);
            return found;
        }

        private static void add(List<String> found, String name, Object value) {
            if (value != null) {
                found.add(name);
            }
        }

        /** The action's name, e.g. {@code click}. */
        public String action() {
            return actions(open, type, click, submit, waitFor, waitForText, assertTitle, assertText, assertElement,
                    assertStatus, screenshot).get(0);
        }

        /** How the step reads in messages, e.g. {@code type "hello" into id=query}. */
        public String describe() {
            String what = switch (action()) {
                case "open" -> "open " + open;
                case "type" -> "type \"" + type + "\" into " + into;
                case "click" -> "click " + click;
                case "submit" -> "submit " + submit;
                case "waitFor" -> "waitFor " + waitFor;
                case "waitForText" -> "waitForText \"" + waitForText + "\"" + (in == null ? "" : " in " + in);
                case "assertTitle" -> "assertTitle \"" + assertTitle + "\"";
                case "assertText" -> "assertText \"" + assertText + "\"" + (in == null ? "" : " in " + in);
                case "assertElement" -> "assertElement " + assertElement;
                case "assertStatus" -> "assertStatus " + assertStatus;
                default -> "screenshot " + screenshot;
            };
            return name == null || name.isBlank() ? what : name + " (" + what + ")";
        }
    }
}
