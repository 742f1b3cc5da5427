package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Binds a task's request from a command: the command line's own defaults, then the {@code --request FILE} (a JSON
 * object) over them, then the command's options ({@link RequestOptions}) over both. Objects merge key by key, any other value given replaces the file's; an option
 * not given leaves the file's value alone. In a list, a blank entry is dropped, so {@code --java-rules ""} is an
 * empty list ("none").
 */
final class Requests {

    private Requests() {
    }

    /**
     * The request of {@code command}.
     *
     * @param requestFile the {@code --request} file, or null; relative to {@code workDir}
     */
    static ObjectNode bind(Object command, Path requestFile, Path workDir) throws SlipwayException {
        return bind(null, command, requestFile, workDir);
    }

    /**
     * As {@link #bind(Object, Path, Path)}, starting from {@code defaults}: an object of the same kind
     * ({@link RequestOptions}) whose fields hold what the command line means when neither the file nor an option
     * says otherwise, where that differs from the engine's own default.
     */
    static ObjectNode bind(Object defaults, Object command, Path requestFile, Path workDir) throws SlipwayException {
        return bind(defaults, command, requestFile, workDir, Object.class);
    }

    /**
     * As {@link #bind(Object, Path, Path)} for a request of {@code type} that holds parameter groups: a request file
     * of the previous release, which named the groups' parameters at its top level, is grouped first, so the
     * command's options (grouped) override its values as they override a grouped file's.
     */
    static ObjectNode bind(Object command, Path requestFile, Path workDir, Class<?> type) throws SlipwayException {
        return bind(null, command, requestFile, workDir, type);
    }

    private static ObjectNode bind(Object defaults, Object command, Path requestFile, Path workDir, Class<?> type)
            throws SlipwayException {
        ObjectNode request = defaults == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(defaults);
        if (requestFile != null) {
            merge(request, Json.grouped(type, read(workDir.resolve(requestFile))));
        }
        merge(request, Json.MAPPER.valueToTree(command));
        return request;
    }

    private static ObjectNode read(Path file) throws SlipwayException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "Cannot read --request " + file + ": "
                    + e.getMessage() + ". It must hold the task's request as a JSON object.", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "--request " + file
                    + " must hold a JSON object (the task's request, e.g. {\"reports\": [\"**/TEST-*.xml\"]}).");
        }
        return object;
    }

    /** Puts every value of {@code options} into {@code into}: objects merge, blank list entries are dropped. */
    static void merge(ObjectNode into, JsonNode options) {
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            String key = option.getKey();
            JsonNode value = option.getValue();
            if (value.isObject()) {
                JsonNode existing = into.get(key);
                ObjectNode target = existing instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
                merge(target, value);
                if (!target.isEmpty()) {
                    into.set(key, target);
                }
            } else if (value.isArray()) {
                ArrayNode list = Json.MAPPER.createArrayNode();
                for (JsonNode item : value) {
                    if (!(item.isTextual() && item.asText().isBlank())) {
                        list.add(item);
                    }
                }
                into.set(key, list);
            } else {
                into.set(key, value);
            }
        }
    }
}
