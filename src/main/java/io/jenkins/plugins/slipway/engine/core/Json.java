package io.jenkins.plugins.slipway.engine.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.request.Checks;
import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

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
            .addMixIn(io.jenkins.plugins.slipway.request.deploy.DeployHost.class, HostShape.class)
            .registerModule(requestEnums())
            .registerModule(GroupedRequests.module(Holder.GROUPS));

    private static SimpleModule requestEnums() {
        SimpleModule module = new SimpleModule("slipway-request-enums");
        module.setDeserializers(new RequestEnums());
        return module;
    }

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
     * Every enum of the requests ({@code io.jenkins.plugins.slipway.request..}: {@code AddressType},
     * {@code HostKeyMode}, {@code CredentialsMode}, {@code GateSeverity}, …) is read as a user writes it, by
     * {@link Checks#oneOf}: any letter case, {@code -} for {@code _}, otherwise a message naming the allowed values. A
     * new request enum needs nothing here.
     */
    private static final class RequestEnums extends SimpleDeserializers {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                BeanDescription description) {
            return type.getName().startsWith(REQUEST_PACKAGE) ? new RequestEnum<>(enumType(type)) : null;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Class<? extends Enum> enumType(Class<?> type) {
            return (Class<? extends Enum>) type;
        }
    }

    private static final String REQUEST_PACKAGE = "io.jenkins.plugins.slipway.request.";

    /** One request enum, read by {@link Checks#oneOf}. */
    private static final class RequestEnum<E extends Enum<E>> extends StdScalarDeserializer<E> {
        private static final long serialVersionUID = 1L;
        private final Class<E> type;

        @SuppressWarnings({"unchecked", "rawtypes"})
        RequestEnum(Class<? extends Enum> type) {
            super(type);
            this.type = (Class<E>) type;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (E) context.handleUnexpectedToken(type, parser);
            }
            return Checks.oneOf(type, parser.getText());
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

    /**
     * Groups of parameters that a previous release's requests gave at the top level: the AWS access
     * ({@code region}, {@code endpoint}, {@code credentials}, {@code roleArn}, {@code externalId}) is now the group
     * {@code aws} of the EC2 requests.
     */
    private static final Set<Class<? extends Record>> ONCE_FLAT = Set.of(
            AwsConnection.class);

    /** Reads a request; a wrong or unknown field becomes a BAD_INPUT error that names it. */
    public static <T> T read(JsonNode node, Class<T> type, String what) throws SlipwayException {
        try {
            return MAPPER.treeToValue(grouped(node, type), type);
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

    /**
     * {@code node} with the keys of a group it gives at the top level, as a previous release's request did (a
     * {@code --request} file, a build that was running during an upgrade), moved into the group's object
     * ({@link #ONCE_FLAT}); a key the group's object also gives wins. Any other request is returned as it is.
     */
    static JsonNode grouped(JsonNode node, Class<?> type) {
        if (!(node instanceof ObjectNode object) || !type.isRecord()) {
            return node;
        }
        ObjectNode out = null;
        Set<String> own = new HashSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            own.add(c.getName());
        }
        for (RecordComponent group : type.getRecordComponents()) {
            if (!ONCE_FLAT.contains(group.getType())) {
                continue;
            }
            for (RecordComponent member : group.getType().getRecordComponents()) {
                String key = member.getName();
                if (own.contains(key) || !object.has(key)) {
                    continue;
                }
                out = out == null ? object.deepCopy() : out;
                JsonNode value = out.remove(key);
                JsonNode inner = out.get(group.getName());
                ObjectNode target = inner instanceof ObjectNode o ? o : out.putObject(group.getName());
                if (!target.has(key)) {
                    target.set(key, value);
                }
            }
        }
        return out == null ? node : out;
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
