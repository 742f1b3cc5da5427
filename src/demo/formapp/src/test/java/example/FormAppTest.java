package example;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Unit tests of the example service: public void methods named should…, failing by throwing AssertionError. */
public final class FormAppTest {

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    public void shouldEscapeTheAnswer() {
        String answer = FormApp.answer("<b>\"hi\" & 'you'</b>");
        check(answer.equals("post returned: &lt;b&gt;&quot;hi&quot; &amp; &#39;you&#39;&lt;/b&gt;"), "escaped answer, was " + answer);
    }

    public void shouldReadAFormField() {
        check("a b".equals(FormApp.formField("x=1&query=a+b", "query")), "query field");
        check(FormApp.formField("x=1", "query") == null, "missing field");
    }

    public void shouldCountWords() {
        check(FormApp.wordCount("  two   words ") == 2, "two words");
        try {
            FormApp.wordCount(null);
            throw new AssertionError("null must be refused");
        } catch (IllegalArgumentException expected) {
            // refused as it should be
        }
    }

    public void shouldServeTheFormThePostAndTheHealthCheck() throws Exception {
        HttpServer server = FormApp.start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            check(form.statusCode() == 200 && form.body().contains("id=\"myquery\"") && form.body().contains("id=\"mybutton\""), "form");
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("query=hello+%3Cworld%3E")).build(), HttpResponse.BodyHandlers.ofString());
            check(post.body().equals("post returned: hello &lt;world&gt;"), "post answer, was " + post.body());
            HttpResponse<String> empty = client.send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString("query=")).build(), HttpResponse.BodyHandlers.ofString());
            check(empty.statusCode() == 400, "empty query is refused");
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            check(health.statusCode() == 200 && health.body().contains("ok"), "health");
        } finally {
            server.stop(0);
        }
    }
}
