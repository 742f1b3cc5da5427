package io.jenkins.plugins.slipway.engine.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The engine's one JSON configuration: unknown request fields are errors, output is indented and stable.
 * Set up once per JVM, with no extra modules (records are built in; no request or result holds a
 * {@code java.time} value): {@code findAndRegisterModules()} would scan the whole engine jar's service entries on
 * every start for nothing.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // the request records are JDK-only (both classpaths load them): what Jackson needs of them is said here
            .addMixIn(io.jenkins.plugins.slipway.request.ec2.AddressType.class, LenientEnum.class)
            .addMixIn(io.jenkins.plugins.slipway.request.ec2.HostKeyMode.class, LenientEnum.class)
            .addMixIn(io.jenkins.plugins.slipway.request.aws.CredentialsMode.class, LenientEnum.class)
            .addMixIn(io.jenkins.plugins.slipway.request.deploy.DeployHost.class, HostShape.class)
            .registerModule(GroupedRequests.module(Holder.GROUPS));

    /** The parameter groups a request may hold whose parameters the previous release named at its top level. */
    private static final class Holder {
        static final GroupedRequests GROUPS = GroupedRequests.of(io.jenkins.plugins.slipway.request.deploy.SshTarget.class,
                io.jenkins.plugins.slipway.request.deploy.Rollout.class);
    }

    /**
     * {@code request}, a request of {@code type} as JSON, with the parameters the previous release named at its top
     * level moved into their group (as reading it does); for a request file merged with grouped options.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode grouped(Class<?> type,
            com.fasterxml.jackson.databind.node.ObjectNode request) {
        return Holder.GROUPS.grouped(type, request);
    }

    /**
     * A request enum is read by its own {@code of(String)} (any letter case, {@code -} for {@code _}, a message naming
     * the allowed values), which this mix-in marks as Jackson's creator.
     */
    private abstract static class LenientEnum {
        @com.fasterxml.jackson.annotation.JsonCreator
        static Object of(String value) {
            throw new UnsupportedOperationException("a mix-in, never called");
        }
    }

    /**
     * A deploy host is an object ({@code ec2Launch}'s host shape; its other fields, such as the instance id, pass
     * through unread) or a string {@code user@host:port} read by its own {@code parse}.
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    private abstract static class HostShape {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        HostShape(@com.fasterxml.jackson.annotation.JsonProperty("name") String name,
                @com.fasterxml.jackson.annotation.JsonProperty("host") String host,
                @com.fasterxml.jackson.annotation.JsonProperty("port") Integer port,
                @com.fasterxml.jackson.annotation.JsonProperty("user") String user,
                @com.fasterxml.jackson.annotation.JsonProperty("hostKeyFingerprints") java.util.List<String> hostKeyFingerprints) {
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        static Object parse(String text) {
            throw new UnsupportedOperationException("a mix-in, never called");
        }
    }

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** Writes {@code value} to {@code file} atomically (temporary file, then rename). */
    public static void writeFile(Path file, Object value) throws IOException {
        SafeOutput.writeString(file, MAPPER.writeValueAsString(value));
    }

    /** Reads a request; a wrong or unknown field becomes a BAD_INPUT error that names it. */
    public static <T> T read(JsonNode node, Class<T> type, String what) throws SlipwayException {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, what + ": unknown parameter '"
                    + e.getPropertyName() + "'. Known parameters: " + e.getKnownPropertyIds(), e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, what + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, what + ": " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T readFile(Path file, Class<T> type) throws SlipwayException {
        try {
            return read(MAPPER.readTree(file.toFile()), type, file.toString());
        } catch (IOException e) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "Cannot read JSON file " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
