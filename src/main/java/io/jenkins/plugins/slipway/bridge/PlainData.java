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

    /**
     * A typed request as plain data: a map of its components by name (null components left out), nested records
     * and collections copied the same way.
     *
     * @param what names the request in an error, e.g. {@code "the request of runTests"}
     */
    public static Map<String, Object> copyOf(Record request, String what) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) copy(request, what);
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

    /**
     * The reverse of {@link #copyOf} for a record: reads plain data (an engine result as the bridge received it) into
     * {@code type} by its components' names, with no hand-written keys. A nested record, a {@code List}, a
     * {@code Map} with string keys, an enum (by name) and the plain scalars are read by the component's declared
     * type. Keys the record does not declare are left alone (an engine result carries more than the controller
     * reads); a component whose key is absent or null is null, or 0 and false for a primitive (an older engine's
     * result).
     *
     * @param what names the map in an error, e.g. {@code "the result of sshDeploy"}
     * @throws IllegalArgumentException naming the path of the first value that does not fit its component's type
     */
    public static <R extends Record> R toRecord(Map<?, ?> map, Class<R> type, String what) {
        return type.cast(read(map, type, what));
    }

    private static Object read(Object value, java.lang.reflect.Type type, String path) {
        Class<?> raw = rawType(type);
        if (value == null) {
            return raw.isPrimitive() ? zero(raw) : null;
        }
        if (raw.isRecord()) {
            if (!(value instanceof Map<?, ?> map)) {
                throw mismatch(path, value, "an object (" + raw.getSimpleName() + ")");
            }
            java.lang.reflect.RecordComponent[] components = raw.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = read(map.get(components[i].getName()), components[i].getGenericType(),
                        path + "." + components[i].getName());
            }
            try {
                return raw.getDeclaredConstructor(types).newInstance(args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new IllegalArgumentException(path + " does not make a " + raw.getSimpleName() + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(path + " cannot be read into " + raw.getName() + ": " + e, e);
            }
        }
        if (raw == String.class) {
            if (value instanceof CharSequence || value instanceof Boolean || value instanceof Number) {
                return value.toString();
            }
            throw mismatch(path, value, "a string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw mismatch(path, value, "true or false");
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == double.class || raw == Double.class) {
            if (!(value instanceof Number n)) {
                throw mismatch(path, value, "a number");
            }
            return raw == int.class || raw == Integer.class ? (Object) n.intValue()
                    : raw == long.class || raw == Long.class ? (Object) n.longValue() : (Object) n.doubleValue();
        }
        if (raw.isEnum()) {
            for (Object constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(String.valueOf(value))) {
                    return constant;
                }
            }
            throw mismatch(path, value, "one of " + Arrays.toString(raw.getEnumConstants()));
        }
        if (raw == List.class) {
            if (!(value instanceof Collection<?> items)) {
                throw mismatch(path, value, "a list");
            }
            java.lang.reflect.Type item = typeArgument(type, 0, path);
            List<Object> list = new ArrayList<>(items.size());
            int i = 0;
            for (Object v : items) {
                list.add(read(v, item, path + "[" + i++ + "]"));
            }
            return java.util.Collections.unmodifiableList(list);
        }
        if (raw == Map.class) {
            if (!(value instanceof Map<?, ?> entries)) {
                throw mismatch(path, value, "an object");
            }
            java.lang.reflect.Type item = typeArgument(type, 1, path);
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                copy.put(String.valueOf(e.getKey()), read(e.getValue(), item, path + "." + e.getKey()));
            }
            return java.util.Collections.unmodifiableMap(copy);
        }
        if (raw == Object.class) {
            return copy(value, path);
        }
        throw new IllegalArgumentException(path + " is declared as " + type.getTypeName()
                + ", which plain data cannot be read into: use a record, List, Map, enum, String, number or boolean");
    }

    private static Class<?> rawType(java.lang.reflect.Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class; // a wildcard or a type variable: read as plain data
    }

    private static java.lang.reflect.Type typeArgument(java.lang.reflect.Type type, int index, String path) {
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == int.class) {
            return 0;
        }
        if (primitive == long.class) {
            return 0L;
        }
        if (primitive == double.class) {
            return 0.0;
        }
        throw new IllegalArgumentException("no plain-data value for a " + primitive);
    }

    private static IllegalArgumentException mismatch(String path, Object value, String expected) {
        return new IllegalArgumentException(path + " should be " + expected + ", was " + typeOf(value) + " "
                + (value instanceof String ? "'" + value + "'" : String.valueOf(value)));
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
