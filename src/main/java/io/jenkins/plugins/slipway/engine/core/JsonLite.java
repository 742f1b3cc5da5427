package io.jenkins.plugins.slipway.engine.core;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes plain values as JSON without Jackson, byte for byte as {@link Json#MAPPER} writes them (indented by its
 * default pretty printer): records, maps with string keys, collections and object arrays, strings, characters,
 * booleans, the JDK's numbers and enums. Jackson's {@code ObjectMapper} costs about 35 ms of a 100 ms engine start
 * before it writes anything (its date format and calendar set-up), and a step's reply is mostly such plain values.
 *
 * <p>Whatever this writer cannot promise to write exactly as Jackson would — a class or member carrying a Jackson
 * annotation, a record with bean-style getters besides its components, a {@code JsonNode}, a path, a date, a
 * primitive array, any other object — makes {@link #write} return null, and the caller uses Jackson for the whole
 * value. {@code JsonLiteTest} compares both writers on every result type the engine returns.
 */
public final class JsonLite {
    private static final int MAX_DEPTH = 500;
    private static final String JACKSON = "com.fasterxml.jackson.";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Per record class: its components when this writer may write it, an empty array when it must not. */
    private static final Map<Class<?>, RecordComponent[]> RECORDS = new ConcurrentHashMap<>();
    private static final RecordComponent[] REFUSED = new RecordComponent[0];
    private static final Map<Class<?>, Boolean> ENUMS = new ConcurrentHashMap<>();

    /** Thrown inside the writer when a value is not one it writes; never leaves this class. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private final StringBuilder out = new StringBuilder(256);

    private JsonLite() {
    }

    /**
     * {@code value} as Jackson's indented JSON, or null when it holds something this writer leaves to Jackson.
     */
    public static String write(Object value) {
        JsonLite writer = new JsonLite();
        try {
            writer.value(value, 0);
        } catch (Unsupported e) {
            return null;
        }
        return writer.out.toString();
    }

    /**
     * Writes {@code value} to {@code file} atomically (temporary file, then rename), exactly as {@link Json#writeFile}
     * does with Jackson — through Jackson when {@link #write} leaves the value to it.
     */
    public static void writeFile(Path file, Object value) throws IOException {
        String text = write(value);
        if (text == null) {
            Json.writeFileWithMapper(file, value);
            return;
        }
        SafeOutput.writeString(file, text);
    }

    /**
     * Binds a request given as plain values ({@code Map}, as read from the bridge's envelope) to {@code type}, as
     * {@link Json#read(com.fasterxml.jackson.databind.JsonNode, Class, String)} does. An empty request for a record
     * without Jackson annotations is its canonical constructor called with Jackson's values for missing
     * parameters (null, 0, false) — no mapper needed; anything else goes through Jackson.
     *
     * @param request the request's members; null or empty for none
     */
    public static <T> T bind(Map<String, Object> request, Class<T> type, String what) throws SlipwayException {
        if ((request == null || request.isEmpty()) && type.isRecord()
                && RECORDS.computeIfAbsent(type, JsonLite::plainRecord) != REFUSED) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = missing(types[i]);
            }
            try {
                Constructor<T> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(values);
            } catch (java.lang.reflect.InvocationTargetException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, what + ": " + cause.getMessage(), cause);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not constructible here: Jackson decides, with its own message
            }
        }
        return Json.read(Json.MAPPER.valueToTree(request == null ? Map.of() : request), type, what);
    }

    /** What Jackson passes to a creator for a parameter the JSON does not have. */
    private static Object missing(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == short.class) {
            return (short) 0;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        return 0;
    }

    private void value(Object value, int level) throws Unsupported {
        if (level > MAX_DEPTH) {
            throw UNSUPPORTED;
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof Double d) {
            number(d, Double.toString(d));
        } else if (value instanceof Float f) {
            number(f.doubleValue(), Float.toString(f));
        } else if (value instanceof Character c) {
            string(String.valueOf(c));
        } else if (value instanceof Enum<?> e) {
            if (!plainEnum(e.getDeclaringClass())) {
                throw UNSUPPORTED;
            }
            string(e.name());
        } else if (value instanceof Record r) {
            record(r, level);
        } else if (value instanceof Map<?, ?> map) {
            map(map, level);
        } else if (value instanceof Collection<?> list) {
            array(list, level);
        } else if (value instanceof Object[] array) {
            array(java.util.Arrays.asList(array), level);
        } else {
            throw UNSUPPORTED;
        }
    }

    /** Non-finite numbers as Jackson writes them by default: as strings ({@code "NaN"}). */
    private void number(double d, String text) throws Unsupported {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            string(text);
        } else {
            out.append(text);
        }
    }

    private void record(Record r, int level) throws Unsupported {
        RecordComponent[] components = RECORDS.computeIfAbsent(r.getClass(), JsonLite::plainRecord);
        if (components == REFUSED) {
            throw UNSUPPORTED;
        }
        if (components.length == 0) {
            out.append("{ }");
            return;
        }
        out.append('{');
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            indent(level + 1);
            string(components[i].getName());
            out.append(" : ");
            Object v;
            try {
                v = components[i].getAccessor().invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw UNSUPPORTED;
            }
            value(v, level + 1);
        }
        indent(level);
        out.append('}');
    }

    private void map(Map<?, ?> map, int level) throws Unsupported {
        if (map.isEmpty()) {
            out.append("{ }");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw UNSUPPORTED;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            indent(level + 1);
            string(key);
            out.append(" : ");
            value(e.getValue(), level + 1);
        }
        indent(level);
        out.append('}');
    }

    /** Arrays stay on one line, {@code [ 1, 2 ]}, and do not indent what they hold: Jackson's default printer. */
    private void array(Collection<?> list, int level) throws Unsupported {
        if (list.isEmpty()) {
            out.append("[ ]");
            return;
        }
        out.append("[ ");
        boolean first = true;
        for (Object o : list) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            value(o, level);
        }
        out.append(" ]");
    }

    private void indent(int level) {
        out.append('\n');
        for (int i = 0; i < level; i++) {
            out.append("  ");
        }
    }

    private void string(String s) throws Unsupported {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\b' -> out.append("\\b");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\f' -> out.append("\\f");
                    case '\r' -> out.append("\\r");
                    default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                } else {
                    throw UNSUPPORTED; // a lone surrogate: Jackson's own error or escape, not ours
                }
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * The record's components when Jackson would write exactly them, in their order, and nothing else: no Jackson
     * annotation on the class, its interfaces or any member, and no public {@code getX()}/{@code isX()} besides the
     * components' own accessors (Jackson writes those too).
     */
    private static RecordComponent[] plainRecord(Class<?> type) {
        if (jacksonAnnotated(type)) {
            return REFUSED;
        }
        RecordComponent[] components = type.getRecordComponents();
        Set<String> accessors = new HashSet<>();
        for (RecordComponent c : components) {
            accessors.add(c.getName());
            if (jacksonAnnotated(c.getAnnotations())) {
                return REFUSED;
            }
        }
        for (Method m : type.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && !accessors.contains(m.getName())
                    && !m.getName().equals("getClass") && (beanName(m.getName(), "get") || beanName(m.getName(), "is"))) {
                return REFUSED;
            }
        }
        for (Class<?> c = type; c != null && c != Record.class; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (jacksonAnnotated(i)) {
                    return REFUSED;
                }
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            for (Parameter p : constructor.getParameters()) {
                if (jacksonAnnotated(p.getAnnotations())) {
                    return REFUSED;
                }
            }
        }
        try {
            for (RecordComponent c : components) {
                c.getAccessor().setAccessible(true); // Jackson reads non-public records the same way
            }
        } catch (RuntimeException e) {
            return REFUSED;
        }
        return components;
    }

    private static boolean plainEnum(Class<?> type) {
        return ENUMS.computeIfAbsent(type, t -> !jacksonAnnotated(t));
    }

    private static boolean beanName(String name, String prefix) {
        return name.length() > prefix.length() && name.startsWith(prefix)
                && !Character.isLowerCase(name.charAt(prefix.length()));
    }

    /** A Jackson annotation on the class itself, or on any field, method or constructor it declares. */
    private static boolean jacksonAnnotated(Class<?> type) {
        if (jacksonAnnotated(type.getAnnotations())) {
            return true;
        }
        for (Field f : type.getDeclaredFields()) {
            if (jacksonAnnotated(f)) {
                return true;
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (jacksonAnnotated(m)) {
                return true;
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (jacksonAnnotated(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean jacksonAnnotated(AccessibleObject member) {
        return jacksonAnnotated(member.getAnnotations());
    }

    private static boolean jacksonAnnotated(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().startsWith(JACKSON)) {
                return true;
            }
        }
        return false;
    }
}
