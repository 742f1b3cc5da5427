package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The system configuration's contract with Configuration as Code and with the form: stable property names, each
 * a String getter plus a {@code @DataBoundSetter}, each on the form with its help. (Its behaviour needs a running
 * Jenkins; the plugin's own code is compiled against declarations only.)
 */
class SlipwayGlobalConfigurationTest {

    static final List<String> PROPERTIES = List.of("awsRegion", "awsCredentialsId", "hostKeyPolicy", "engineJvmOptions",
            "cacheDirectory");

    @Test
    void shouldOfferEveryDefaultAsAStableBoundPropertyOnTheForm() throws Exception {
        Class<SlipwayGlobalConfiguration> type = SlipwayGlobalConfiguration.class;
        assertThat(Modifier.isFinal(type.getModifiers())).isTrue();
        assertThat(type.isAnnotationPresent(hudson.Extension.class)).isTrue();
        String jelly = resource("config.jelly");
        for (String property : PROPERTIES) {
            String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            Method getter = type.getMethod("get" + suffix);
            Method setter = type.getMethod("set" + suffix, String.class);
            assertThat(getter.getReturnType()).as(property).isEqualTo(String.class);
            assertThat(setter.isAnnotationPresent(DataBoundSetter.class)).as(property + " is settable by CasC").isTrue();
            assertThat(jelly).as("config.jelly").contains("field=\"" + property + "\"");
            assertThat(resource("help-" + property + ".html")).as("help of " + property).contains("<div>");
        }
        long bound = java.util.Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class)).count();
        assertThat(bound).as("no bound property without a test of its name").isEqualTo(PROPERTIES.size());
        assertThat(type.getMethod("doFillHostKeyPolicyItems")).isNotNull();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SlipwayGlobalConfiguration.class.getResourceAsStream("SlipwayGlobalConfiguration/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
