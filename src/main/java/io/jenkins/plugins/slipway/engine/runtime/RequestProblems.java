package io.jenkins.plugins.slipway.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every problem of a request at once, not one per run. A request checks itself as it is made and stops at its first
 * problem; when it does, the parameter its message names is left out (so its default applies) and the request is
 * read again, until it reads or a message names no parameter that was given. The problems found go to the user
 * together, each in its own words ("3 problems: maxFailed must not be negative, was -1; timeoutSeconds must be …"),
 * which {@code cli.Wording} turns into the flags the user typed.
 */
final class RequestProblems {

    /** A message that already lists several problems (a request that collects its own). */
    private static final Pattern SEVERAL = Pattern.compile("^(\\d+) problems: ");

    /** At most this many reads of one request. */
    private static final int MAX_ROUNDS = 40;

    private RequestProblems() {
    }

    /** {@link Json#read}, failing with every problem of {@code request} in one message. */
    static <Q> Q read(JsonNode request, Class<Q> type, String what) throws SlipwayException {
        try {
            return Json.read(request, type, what);
        } catch (SlipwayException thrown) {
            SlipwayException first = named(thrown, what);
            if (first.kind() != SlipwayException.Kind.BAD_INPUT || !(request instanceof ObjectNode object)) {
                throw first;
            }
            List<String> problems = new ArrayList<>();
            int count = add(problems, first.getMessage(), what);
            ObjectNode rest = object.deepCopy();
            List<String> given = leaves(object, "");
            Set<String> removed = new HashSet<>();
            SlipwayException next = first;
            for (int round = 0; round < MAX_ROUNDS && next != null; round++) {
                String named = firstNamed(strip(next.getMessage(), what), given);
                if (next != first) {
                    if (named != null && removed.contains(named)) {
                        break; // about what was just left out ("… is required"): not the user's problem
                    }
                    count += add(problems, next.getMessage(), what);
                }
                if (named == null || removed.contains(named)) {
                    break; // names nothing given (a missing parameter): reading again finds nothing new
                }
                remove(rest, named);
                removed.add(named);
                try {
                    Json.read(rest, type, what);
                    next = null;
                } catch (SlipwayException e) {
                    next = e.kind() == SlipwayException.Kind.BAD_INPUT ? named(e, what) : null;
                }
            }
            if (count <= 1) {
                throw first;
            }
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, what + ": " + count + " problems: "
                    + String.join("; ", problems), first);
        }
    }

    /** Adds the problems of one message; returns how many it holds. */
    private static int add(List<String> problems, String message, String what) {
        String text = strip(message, what);
        Matcher several = SEVERAL.matcher(text);
        if (several.find()) {
            problems.add(text.substring(several.end()));
            return Integer.parseInt(several.group(1));
        }
        if (problems.contains(text)) {
            return 0;
        }
        problems.add(text);
        return 1;
    }

    private static String strip(String message, String what) {
        String prefix = what + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length())
                : String.valueOf(message);
    }

    /**
     * {@code e}'s message, naming the parameter when only the JSON reader knew it ("'FOO' is not one of [AUTO,
     * PUBLIC, PRIVATE]" becomes "addressType: 'FOO' is not one of …").
     */
    private static SlipwayException named(SlipwayException e, String what) {
        if (!(e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping)
                || mapping.getPath().isEmpty()) {
            return e;
        }
        if (mapping instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException made
                && made.getType() != null && made.getType().getRawClass().isRecord()) {
            return e; // a group's record refused its values: its message names them ("batch must be …")
        }
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        String text = strip(e.getMessage(), what);
        String own = path.substring(path.lastIndexOf(".") + 1);
        if (path.length() == 0 || text.contains(own)) {
            return e;
        }
        return new SlipwayException(e.kind(), what + ": " + path + ": " + text, e.getCause());
    }

    /** The given parameter the message names first (by its dotted path or its own name), or null. */
    static String firstNamed(String message, List<String> given) {
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        for (String path : given) {
            String own = path.substring(path.lastIndexOf('.') + 1);
            for (String name : path.equals(own) ? List.of(path) : List.of(path, own)) {
                Matcher m = Pattern.compile("(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w-])").matcher(message);
                if (m.find() && (m.start() < bestAt || m.start() == bestAt && path.length() > best.length())) {
                    best = path;
                    bestAt = m.start();
                }
            }
        }
        return best;
    }

    /** The dotted paths of the values given in {@code node}; an object's own path only through its members. */
    private static List<String> leaves(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            if (field.getValue().isObject() && !field.getValue().isEmpty()) {
                out.add(path);
                out.addAll(leaves(field.getValue(), path + "."));
            } else {
                out.add(path);
            }
        }
        return out;
    }

    private static void remove(ObjectNode node, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            node.remove(path);
        } else if (node.get(path.substring(0, dot)) instanceof ObjectNode inner) {
            remove(inner, path.substring(dot + 1));
        }
    }
}
