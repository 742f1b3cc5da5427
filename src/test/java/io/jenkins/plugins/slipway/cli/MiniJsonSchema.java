package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of JSON Schema (2020-12) that {@code slipway-result.schema.json} uses, checked as the specification says:
 * {@code type} (one or several), {@code const}, {@code enum}, {@code required}, {@code properties},
 * {@code additionalProperties: false}, {@code items}, {@code pattern}, {@code oneOf}, {@code $ref} to {@code #/$defs/…}.
 * A keyword the schema uses that this validator does not know fails the validation, so the schema cannot grow past
 * what is checked.
 */
final class MiniJsonSchema {

    private static final List<String> KNOWN = List.of("$schema", "$id", "title", "description", "deprecated", "$defs",
            "type", "const", "enum", "required", "properties", "additionalProperties", "items", "pattern", "oneOf",
            "$ref");

    private final JsonNode root;

    MiniJsonSchema(JsonNode root) {
        this.root = root;
    }

    /** The problems of {@code value}, each with its JSON pointer; empty when it is valid. */
    List<String> validate(JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(root, value, "", problems);
        return problems;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext();) {
            String keyword = it.next();
            if (!KNOWN.contains(keyword)) {
                problems.add(at + ": the schema uses '" + keyword + "', which this validator does not check");
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/$defs/")) {
                problems.add(at + ": unsupported $ref " + ref);
                return;
            }
            check(root.path("$defs").path(ref.substring("#/$defs/".length())), value, at, problems);
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(schema.get("type").asText());
            }
            if (types.stream().noneMatch(t -> is(t, value))) {
                problems.add(at + ": " + kind(value) + " where the schema wants " + types);
                return;
            }
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("pattern") && value.isTextual()
                && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            problems.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    problems.add(at + ": required field '" + name.asText() + "' is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), at + "/" + field.getKey(), problems);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    problems.add(at + ": field '" + field.getKey() + "' is not allowed");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "/" + i, problems);
            }
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            List<String> why = new ArrayList<>();
            for (JsonNode option : schema.get("oneOf")) {
                List<String> own = new ArrayList<>();
                check(option, value, at, own);
                if (own.isEmpty()) {
                    matching++;
                } else {
                    why.addAll(own);
                }
            }
            if (matching != 1) {
                problems.add(at + ": matches " + matching + " of oneOf's schemas, not exactly one" + why);
            }
        }
    }

    private static boolean is(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static String kind(JsonNode value) {
        return value.isNull() ? "null" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
