package example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** The example web service: a form that posts a query and answers "post returned: <query>", and a health check. */
public final class FormApp {

    static final String FORM = "<!DOCTYPE html>\n<html><head><title>form title</title></head><body>\n"
            + "<form name=\"input\" action=\"/\" method=\"post\" id=\"formid\">\n"
            + "Query: <input type=\"text\" name=\"query\" id=\"myquery\">\n"
            + "<input type=\"submit\" value=\"Submit\" id=\"mybutton\">\n"
            + "</form></body></html>\n";

    private FormApp() {
    }

    /** Starts the service on {@code host:port} (port 0: any free port). */
    public static HttpServer start(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", FormApp::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try (exchange) {
            if (path.equals("/health") && method.equals("GET")) {
                int status = Health.status();
                send(exchange, status, "application/json", status == 200 ? "{\"status\": \"ok\"}" : "{\"status\": \"failing\"}");
            } else if (path.equals("/") && method.equals("GET")) {
                send(exchange, 200, "text/html; charset=utf-8", FORM);
            } else if (path.equals("/") && method.equals("POST")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String query = formField(body, "query");
                if (query == null || query.isBlank()) {
                    send(exchange, 400, "text/plain; charset=utf-8", "empty query");
                } else {
                    send(exchange, 200, "text/html; charset=utf-8", answer(query));
                }
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found");
            }
        }
    }

    /** The answer to a posted query, HTML-escaped. */
    static String answer(String query) {
        return "post returned: " + escape(query);
    }

    static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Counts the words of a text (kept small on purpose: the metrics stage measures this project). */
    static int wordCount(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
        int count = 0;
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                count++;
            }
        }
        return count;
    }

    /** Not covered by the tests on purpose, so the coverage report has misses. */
    static String slugify(String title, int maxLength) {
        if (title == null || title.isEmpty()) {
            return "";
        }
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > maxLength ? slug.substring(0, maxLength) : slug;
    }

    /** {@code java -cp classes example.FormApp [--host H] [--port P]}; defaults: HOST/PORT variables, 127.0.0.1:8080. */
    public static void main(String[] args) throws IOException {
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --host and --port)");
            }
        }
        HttpServer server = start(host, port);
        System.out.println("formapp listening on http://" + host + ":" + server.getAddress().getPort() + "/");
    }
}
