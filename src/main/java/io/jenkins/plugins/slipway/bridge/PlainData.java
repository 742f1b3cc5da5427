package io.jenkins.plugins.slipway.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values the bridge sends through the agent channel: {@code LinkedHashMap} with string keys, {@code ArrayList},
 * {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean} and null. They are JDK classes that
 * Jenkins' class filter (JEP-200) lets through, and exactly what a Pipeline script may be given back. JSON is written
 * and read only where the engine process begins: its standard input and its result file.
 */
public final class PlainData {

    private PlainData() {
    }

    /**
     * A deep copy of {@code map} made of plain values only. Strings of any kind ({@code GString}s from a Pipeline
     * script) become {@code String}s, enums their names, other numbers {@code Long} or {@code Double}.
     *
     * @param what names the map in an error, e.g. {@code "the request of runTests"}
     * @throws IllegalArgumentException naming the path of the first value that is not plain data
     */
    public static Map<String, Object> copyOf(Map<?, ?> map, String what) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) copy(map, what);
        return copy;
    }

    private static Object copy(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Byte || value instanceof Short) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof CharSequence)) {
                    throw new IllegalArgumentException(path + " has the key " + e.getKey() + " ("
                            + typeOf(e.getKey()) + "); keys must be strings");
                }
                String key = e.getKey().toString();
                copy.put(key, copy(e.getValue(), path + "." + key));
            }
            return copy;
        }
        if (value instanceof Record record) {
            // a typed request (or a group of its parameters) travels by its components: no hand-written keys
            Map<String, Object> copy = new LinkedHashMap<>();
            for (java.lang.reflect.RecordComponent c : record.getClass().getRecordComponents()) {
                Object component;
                try {
                    component = c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException(path + "." + c.getName() + " cannot be read: " + e, e);
                }
                if (component != null) {
                    copy.put(c.getName(), copy(component, path + "." + c.getName()));
                }
            }
            return copy;
        }
        if (value instanceof Collection<?> || value instanceof Object[]) {
            Collection<?> items = value instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) value;
            List<Object> copy = new ArrayList<>(items.size());
            int i = 0;
            for (Object item : items) {
                copy.add(copy(item, path + "[" + i++ + "]"));
            }
            return copy;
        }
        throw new IllegalArgumentException(path + " is a " + typeOf(value)
                + ", which the Slipway engine cannot be given: use a string, number, boolean, list or map");
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
