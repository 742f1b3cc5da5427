package io.jenkins.plugins.slipway.engine.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request of the previous release, which named a group's parameters at its top level, into the request that
 * holds them in the group: {@code {"hosts": [...], "batch": "2"}} reads as {@code {"target": {"hosts": [...]},
 * "rollout": {"batch": "2"}}}. The groups are the record types given; a request's top-level key that is no component
 * of the request itself but one of a group it holds moves into that group, unless the group already gives it (the
 * grouped spelling wins). The keys come from the records' components, never from a list written here; a key of
 * neither stays where it is, and the reader names it as unknown.
 */
final class GroupedRequests extends BeanDeserializerModifier {

    private final Set<Class<?>> groups;

    private GroupedRequests(Set<Class<?>> groups) {
        this.groups = groups;
    }

    /** The module that lets every request holding one of {@code groups} read its flat spelling too. */
    static SimpleModule module(GroupedRequests groups) {
        SimpleModule module = new SimpleModule("slipway-grouped-requests");
        module.setDeserializerModifier(groups);
        return module;
    }

    /** The groups of the requests. */
    static GroupedRequests of(Class<?>... groups) {
        return new GroupedRequests(Set.of(groups));
    }

    /** {@code request} of {@code type} with its flat keys moved into their groups (nothing to move: as it was). */
    ObjectNode grouped(Class<?> type, ObjectNode request) {
        Map<String, Class<?>> held = groupsOf(type);
        if (!held.isEmpty()) {
            group(request, type, held);
        }
        return request;
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
            JsonDeserializer<?> deserializer) {
        Map<String, Class<?>> held = groupsOf(description.getBeanClass());
        return held.isEmpty() ? deserializer : new Ungrouped(deserializer, description.getBeanClass(), held);
    }

    /** The components of {@code type} that are groups, by name. */
    private Map<String, Class<?>> groupsOf(Class<?> type) {
        Map<String, Class<?>> held = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (groups.contains(c.getType())) {
                    held.put(c.getName(), c.getType());
                }
            }
        }
        return held;
    }

    /** {@code request} with its flat keys moved into the groups they belong to. */
    static void group(ObjectNode request, Class<?> type, Map<String, Class<?>> held) {
        List<String> own = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            own.add(c.getName());
        }
        held.forEach((name, group) -> {
            for (RecordComponent c : group.getRecordComponents()) {
                String key = c.getName();
                if (own.contains(key) || !request.has(key)) {
                    continue;
                }
                JsonNode value = request.remove(key);
                ObjectNode grouped = request.get(name) instanceof ObjectNode given ? given : request.putObject(name);
                if (!grouped.has(key)) {
                    grouped.set(key, value);
                }
            }
        });
    }

    /** The record's own reader, given the request with its flat keys grouped. */
    private static final class Ungrouped extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final Class<?> type;
        private final Map<String, Class<?>> held;

        Ungrouped(JsonDeserializer<?> delegate, Class<?> type, Map<String, Class<?>> held) {
            super(delegate);
            this.type = type;
            this.held = held;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Ungrouped(delegate, type, held);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(p);
            if (tree instanceof ObjectNode object) {
                group(object, type, held);
            }
            JsonParser grouped = tree.traverse(p.getCodec());
            grouped.nextToken();
            return _delegatee.deserialize(grouped, context);
        }
    }
}
