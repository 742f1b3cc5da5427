package io.jenkins.plugins.slipway.engine.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture started as a separate process: a form that posts a query and answers "post returned: query".
 * {@code PID_FILE} makes it write its pid, {@code NEVER_READY=true} keeps it from ever listening,
 * {@code GET /crash} makes it exit with code 3, {@code GET /console} writes to the browser console.
 */
public final class FormApp {

    static final String FORM = "<html><head><title>form title</title></head><body>\n"
            + "<form name=\"input\" action=\"/\" method=\"post\" id=\"formid\">\n"
            + "Query: <input type=\"text\" name=\"query\" id=\"myquery\">\n"
            + "<input type=\"submit\" value=\"Submit\" id=\"mybutton\">\n"
            + "</form></body></html>";

    private FormApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv("PORT"));
        String pidFile = System.getenv("PID_FILE");
        if (pidFile != null) {
            Files.writeString(Path.of(pidFile), Long.toString(ProcessHandle.current().pid()));
        }
        System.out.println("formapp starting on port " + port);
        if ("true".equals(System.getenv("NEVER_READY"))) {
            System.out.println("formapp is still warming up its caches");
            Thread.sleep(Long.MAX_VALUE);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", FormApp::handle);
        server.start();
        System.out.println("formapp listening on port " + port);
    }

    /** Set by /crash: no request after it is answered, even one that arrives before the halt has taken effect. */
    private static volatile boolean crashing;

    private static void handle(HttpExchange exchange) throws IOException {
        if (crashing) {
            Runtime.getRuntime().halt(3);
        }
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod())) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = "";
            for (String pair : body.split("&")) {
                if (pair.startsWith("query=")) {
                    query = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                }
            }
            System.out.println("formapp got query " + query);
            send(exchange, 200, "<html><head><title>answer</title></head><body>post returned: " + escape(query)
                    + "</body></html>");
        } else if ("/crash".equals(path)) {
            System.out.println("formapp crashing on purpose");
            crashing = true;
            send(exchange, 200, "<html><body>bye</body></html>");
            Runtime.getRuntime().halt(3);
        } else if ("/console".equals(path)) {
            send(exchange, 200, "<html><head><title>console page</title><script>console.log('hello from the page');"
                    + "</script></head><body>console</body></html>");
        } else if ("/".equals(path)) {
            send(exchange, 200, FORM);
        } else {
            send(exchange, 404, "<html><body>not found</body></html>");
        }
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
