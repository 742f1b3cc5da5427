package io.jenkins.plugins.slipway.engine.browser;

import java.util.Locale;

/** How a step finds an element: {@code id=}, {@code name=}, {@code css=}, {@code link=}, {@code xpath=}. */
record Locator(Kind kind, String value) {

    enum Kind { ID, NAME, CSS, LINK, XPATH }

    static Locator parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an element locator is empty; write id=..., name=..., css=..., link=... or xpath=...");
        }
        int eq = text.indexOf('=');
        if (eq > 0) {
            String prefix = text.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = text.substring(eq + 1).strip();
            Kind kind = switch (prefix) {
                case "id" -> Kind.ID;
                case "name" -> Kind.NAME;
                case "css" -> Kind.CSS;
                case "link", "linktext" -> Kind.LINK;
                case "xpath" -> Kind.XPATH;
                default -> null;
            };
            if (kind != null) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("the locator '" + text + "' has no value after '='");
                }
                return new Locator(kind, value);
            }
        }
        return new Locator(Kind.CSS, text.strip());
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + "=" + value;
    }
}
