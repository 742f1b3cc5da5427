package io.jenkins.plugins.slipway.engine.core;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secret values handed to the engine on standard input (never on a command line, in the workspace or in a log).
 * {@link #redact} replaces every value by {@code ****} so a log line can never show one.
 */
public final class Secrets {
    private static final Secrets NONE = new Secrets(Map.of());
    private final Map<String, String> values;
    private final List<String> byLength;

    private Secrets(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.byLength = values.values().stream()
                .filter(v -> v != null && v.length() >= 3)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public static Secrets of(Map<String, String> values) {
        return values == null || values.isEmpty() ? NONE : new Secrets(values);
    }

    public static Secrets none() {
        return NONE;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The secret, or a {@link SlipwayException} that says which secret is missing and how to provide it. */
    public String require(String name, String hint) throws SlipwayException {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT,
                    "Secret '" + name + "' was not provided. " + hint);
        }
        return value;
    }

    /** These secrets plus {@code more} (a value in {@code more} wins). */
    public Secrets plus(Map<String, String> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(values);
        all.putAll(more);
        return new Secrets(all);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String redact(String text) {
        if (text == null || byLength.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : byLength) {
            if (result.contains(secret)) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "Secrets" + values.keySet();
    }
}
