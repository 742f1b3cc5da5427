package io.jenkins.plugins.slipway.jenkins.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deploy had done when its engine died (its agent's machine or JVM went down, or it was killed), read from
 * the lines the engine logged: which host is on which release, and which hosts may still hold this run's deploy lock
 * ({@code <baseDir>/.slipway/lock}, whose {@code owner} file names the release), with the exact command that breaks
 * it. A batch starts only once the one before it has ended on every host (lock released), so only the hosts of the
 * last batch begun can hold the lock. {@code current} is switched atomically: every host is on one whole release.
 */
final class DeployProgress {
    private static final Pattern LEVEL = Pattern.compile("^(?:WARNING: |ERROR: |debug: )");
    private static final Pattern RELEASE = Pattern.compile("^deploying release (\\S+) \\(");
    private static final Pattern BATCH = Pattern.compile("^batch (\\d+)/(\\d+): \\[(.*)\\]$");
    private static final Pattern HOST_LINE = Pattern.compile("^\\[([^\\]]+)\\] (.*)$");
    private static final Pattern DEPLOYING = Pattern.compile("^deploying (\\S+) \\(was on (.+)\\)$");
    private static final Pattern SWITCHED = Pattern.compile("^current -> releases/(\\S+)$");
    private static final Pattern BACK = Pattern.compile("^switched back to (\\S+)$");
    private static final Pattern ALREADY = Pattern.compile("^already on release (\\S+); nothing to do$");
    private static final Pattern SHORT = Pattern.compile("^(?:([^@\\s]+)@)?(\\[[^\\]]+\\]|[^:@\\s\\[\\]]+)(?::(\\d{1,5}))?$");
    private static final String NO_RELEASE = "no release";

    /** One host as the log shows it. */
    private static final class Host {
        final String name;
        String was;
        String on;
        boolean begun;
        boolean healthy;
        int batch;

        Host(String name) {
            this.name = name;
        }
    }

    /** Where to reach a host with {@code ssh}. */
    record Address(String user, String host, int port) {
        String ssh() {
            return "ssh " + (port == 22 ? "" : "-p " + port + " ") + (user == null ? "" : user + "@") + host;
        }
    }

    private DeployProgress() {
    }

    /**
     * The report for a {@code deploy} request whose engine died, or null when the log shows no deploy under way.
     *
     * @param request the request the step sent (its target: hosts, user, baseDir)
     * @param log     the engine's log of the run, the step's prefix included
     * @param prefix  the step's log prefix ({@code "[sshDeploy] "})
     */
    static String report(Map<String, Object> request, String log, String prefix) {
        String release = null;
        Map<String, Host> hosts = new LinkedHashMap<>();
        int batches = 0;
        int lastBatch = 0;
        for (String raw : log.split("\\R")) {
            String line = raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw;
            line = LEVEL.matcher(line).replaceFirst("");
            Matcher m = RELEASE.matcher(line);
            if (release == null && m.find()) {
                release = m.group(1);
                continue;
            }
            m = BATCH.matcher(line);
            if (m.matches()) {
                lastBatch = Integer.parseInt(m.group(1));
                batches = Integer.parseInt(m.group(2));
                for (String name : m.group(3).split(", ")) {
                    Host host = hosts.computeIfAbsent(name, Host::new);
                    host.batch = lastBatch;
                }
                continue;
            }
            m = HOST_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Host host = hosts.computeIfAbsent(m.group(1), Host::new);
            String what = m.group(2);
            Matcher d = DEPLOYING.matcher(what);
            Matcher s = SWITCHED.matcher(what);
            Matcher b = BACK.matcher(what);
            Matcher a = ALREADY.matcher(what);
            if (d.matches()) {
                host.begun = true;
                host.was = d.group(2);
            } else if (s.matches()) {
                host.on = s.group(1);
            } else if (b.matches()) {
                host.on = b.group(1);
            } else if (a.matches()) {
                host.on = a.group(1);
                host.was = a.group(1);
            } else if (what.startsWith("removed current")) {
                host.on = NO_RELEASE;
            } else if (what.startsWith("health check passed")) {
                host.healthy = true;
            }
        }
        if (release == null || lastBatch == 0) {
            return null;
        }
        Map<String, Object> target = target(request);
        Map<String, Address> addresses = addresses(target);
        for (String name : addresses.keySet()) {
            hosts.computeIfAbsent(name, Host::new);
        }
        String baseDir = String.valueOf(target.get("baseDir"));
        List<String> locked = new ArrayList<>();
        StringBuilder out = new StringBuilder("Where the deploy of release " + release + " stopped (batch " + lastBatch
                + " of " + batches + " had begun), from the engine's log; every host is on one whole release "
                + "(current is switched atomically):");
        int width = hosts.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Host host : hosts.values()) {
            out.append("\n  ").append(host.name).append(" ".repeat(width - host.name.length())).append("  ");
            if (host.batch == 0) {
                out.append("not touched (still on the release it had)");
            } else if (host.batch < lastBatch) {
                out.append("on ").append(host.on != null ? host.on : host.was != null ? host.was : "its earlier release")
                        .append(host.was != null && !host.was.equals(host.on) ? " (was on " + host.was + ")" : "")
                        .append(", finished");
            } else {
                locked.add(host.name);
                if (host.on != null) {
                    out.append("on ").append(host.on).append(host.was != null && !host.was.equals(host.on)
                            ? " (was on " + host.was + ")" : "").append(release.equals(host.on) ? host.healthy
                            ? ", health check passed, not finished" : ", its health check had not passed" : "");
                } else if (host.begun) {
                    out.append("on ").append(host.was).append(" unless the switch to ").append(release)
                            .append(" had just happened (check where ").append(baseDir).append("/current points)");
                } else {
                    out.append("being prepared (lock, upload): still on the release it had");
                }
                out.append("; may still hold the deploy lock");
            }
        }
        if (!locked.isEmpty()) {
            String lock = baseDir + "/.slipway/lock";
            out.append("\nThe deploy lock ").append(lock).append(" of this run (its owner file names release=")
                    .append(release).append(") may be left on ").append(String.join(", ", locked))
                    .append(". The next deploy to ").append(locked.size() == 1 ? "that host" : "those hosts")
                    .append(" stops at it (a lock is broken only when lock.breakStaleLockAfterMinutes is set and it is "
                            + "older). Once you have checked the host, break it with:");
            String remote = "grep -qF \" release=" + release + " token=\" " + remoteQuote(lock + "/owner")
                    + " && rm -rf " + remoteQuote(lock);
            for (String name : locked) {
                Address address = addresses.get(name);
                out.append("\n  ").append(address == null ? "on " + name + ": " + remote
                        : address.ssh() + " '" + remote + "'");
            }
        }
        return out.toString();
    }

    /**
     * The request's SSH target as plain data ({@code SshTarget}'s components); a request saved by the previous
     * release (a build that ran across the upgrade) holds them at its top level.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> target(Map<String, Object> request) {
        return request.get("target") instanceof Map<?, ?> target ? (Map<String, Object>) target : request;
    }

    /**
     * The request's hosts by the name the engine logs them under (a host's name, else its address; {@code host:port}
     * when several share an address), with where {@code ssh} reaches them. Hosts from a hosts file are not known here.
     */
    static Map<String, Address> addresses(Map<String, Object> request) {
        Map<String, Address> out = new LinkedHashMap<>();
        if (!(request.get("hosts") instanceof List<?> list)) {
            return out;
        }
        Object defaultUser = request.get("user");
        List<String[]> named = new ArrayList<>();
        Map<String, Integer> perHost = new LinkedHashMap<>();
        for (Object entry : list) {
            String name = null;
            String host = null;
            String user = null;
            int port = 22;
            if (entry instanceof Map<?, ?> map) {
                name = map.get("name") == null ? null : String.valueOf(map.get("name"));
                host = map.get("host") == null ? null : String.valueOf(map.get("host"));
                user = map.get("user") == null ? null : String.valueOf(map.get("user"));
                if (map.get("port") instanceof Number n) {
                    port = n.intValue();
                } else if (map.get("port") != null) {
                    try {
                        port = Integer.parseInt(String.valueOf(map.get("port")));
                    } catch (NumberFormatException e) {
                        continue;
                    }
                }
            } else if (entry != null) {
                Matcher m = SHORT.matcher(String.valueOf(entry).trim());
                if (!m.matches()) {
                    continue;
                }
                user = m.group(1);
                host = m.group(2);
                port = m.group(3) == null ? 22 : Integer.parseInt(m.group(3));
            }
            if (host == null || host.isBlank()) {
                continue;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (user == null && defaultUser != null) {
                user = String.valueOf(defaultUser);
            }
            perHost.merge(host, 1, Integer::sum);
            named.add(new String[] {name, host, user, Integer.toString(port)});
        }
        for (String[] h : named) {
            String host = h[1];
            int port = Integer.parseInt(h[3]);
            String name = h[0] != null && !h[0].isBlank() ? h[0]
                    : perHost.get(host) > 1 ? (host.contains(":") ? "[" + host + "]" : host) + ":" + port : host;
            out.put(name, new Address(h[2], host, port));
        }
        return out;
    }

    /** {@code path} for the remote shell inside the command's single quotes: as it is when plain, else in "…". */
    static String remoteQuote(String path) {
        if (path.matches("[A-Za-z0-9_./~@%+=:-]+")) {
            return path;
        }
        return "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`")
                .replace("'", "'\\''") + "\"";
    }
}
