package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What crosses the agent channel: plain JDK values only, which pass a class filter that admits nothing else, as
 * Jenkins' JEP-200 filter admits only the JDK classes of its whitelist (and plugins' own classes).
 */
public class PlainDataTest {

    /** The JDK classes of Jenkins 2.479.3's {@code jenkins/security/whitelisted-classes.txt} that plain data uses. */
    private static final Set<String> ADMITTED = Set.of("java.util.LinkedHashMap", "java.util.HashMap",
            "java.util.ArrayList", "java.lang.String", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
            "java.lang.Double", "java.lang.Boolean");

    /**
     * Serialises {@code value} as Remoting does and reads it back through a filter that rejects every class but the
     * plain ones; fails on any other class inside. The filter sits where Remoting's does: in {@code resolveClass}, for
     * every class named in the stream.
     */
    public static Object throughClassFilter(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                if (!ADMITTED.contains(desc.getName())) {
                    throw new InvalidClassException(desc.getName(), "rejected by the class filter");
                }
                return super.resolveClass(desc);
            }
        }) {
            return in.readObject();
        }
    }

    enum Mode { FAST }

    @Test
    void shouldCopyScriptValuesIntoPlainOnesThatPassTheClassFilter() throws Exception {
        StringBuilder notAString = new StringBuilder("web-1");
        Map<String, Object> request = Map.of("hosts", List.of(notAString, Map.of("host", "127.0.0.1", "port", 2222)),
                "mode", Mode.FAST, "ratio", 0.5f, "count", (short) 3, "array", new Object[] {"a", null});

        Map<String, Object> copy = PlainData.copyOf(request, "the request");

        assertThat(copy).isInstanceOf(LinkedHashMap.class);
        assertThat(copy.get("hosts")).isInstanceOf(ArrayList.class)
                .isEqualTo(List.of("web-1", Map.of("host", "127.0.0.1", "port", 2222)));
        assertThat(copy).containsEntry("mode", "FAST").containsEntry("ratio", 0.5).containsEntry("count", 3);
        assertThat(copy.get("array")).isEqualTo(java.util.Arrays.asList("a", null));
        assertThat(throughClassFilter(copy)).isEqualTo(copy);
    }

    @Test
    void shouldShowThatTheFilterRejectsWhatIsNotPlain() {
        assertThatThrownBy(() -> throughClassFilter(new ArrayList<>(List.of(Path.of("/tmp").toFile()))))
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("java.io.File; rejected");
        assertThatThrownBy(() -> throughClassFilter(List.of("immutable")))
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("java.util.CollSer");
    }

    @Test
    void shouldNameTheValueThatIsNotPlainData() {
        Map<String, Object> request = Map.of("hosts", List.of("a", Path.of("/srv")));
        assertThatThrownBy(() -> PlainData.copyOf(request, "the request of sshDeploy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the request of sshDeploy.hosts[1] is a sun.nio.fs.UnixPath")
                .hasMessageContaining("use a string, number, boolean, list or map");
        assertThatThrownBy(() -> PlainData.copyOf(Map.of(1, "x"), "the envelope"))
                .hasMessageContaining("keys must be strings");
    }

    @Test
    void shouldSendTheEngineReplyAsPlainDataWithoutJsonInside() throws Exception {
        String envelope = "{\"task\":\"test\",\"outcome\":\"PASSED\",\"summary\":\"2 tests\","
                + "\"result\":{\"totals\":{\"tests\":2,\"seconds\":0.25},\"files\":[\"a.xml\"],\"big\":12345678901}}";
        Map<String, Object> reply = EngineReply.transportable(new EngineProcess.Outcome(0, envelope, List.of("done")));

        assertThat(reply.get("envelope")).isInstanceOf(Map.class);
        assertThat(reply).doesNotContainKey("envelopeError");
        assertThat(throughClassFilter(reply)).isEqualTo(reply);
        EngineReply read = EngineReply.of("runTests", reply);
        assertThat(read.result()).containsEntry("totals", Map.of("tests", 2, "seconds", 0.25))
                .containsEntry("big", 12_345_678_901L);
    }
}
