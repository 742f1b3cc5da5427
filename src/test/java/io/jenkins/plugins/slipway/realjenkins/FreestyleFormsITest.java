package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.ec2.FakeEc2;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import java.util.List;
import java.util.Map;
import org.htmlunit.BrowserVersion;
import org.htmlunit.NicelyResynchronizingAjaxController;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.WebResponseData;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.util.WebConnectionWrapper;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every Slipway builder in a freestyle job of a real Jenkins, configured through its configure page in HtmlUnit (the
 * form Jenkins renders, its JavaScript, its submit): the values land in config.xml, an unchanged second save leaves
 * config.xml byte-identical, and a build runs with what was saved. A config.xml that names a builder and nothing
 * else also loads, renders and runs.
 */
@ExtendWith(RealJenkinsExtension.class)
class FreestyleFormsITest {
    static final String PKG = "io.jenkins.plugins.slipway.jenkins.";
    /** Every builder (package-relative name) with the step it holds. */
    static final Map<String, String> BUILDERS = builders();

    private static Map<String, String> builders() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("tests.RunTestsBuilder", "tests.RunTestsStep");
        b.put("metrics.CodeMetricsBuilder", "metrics.CodeMetricsStep");
        b.put("browser.BrowserTestBuilder", "browser.BrowserTestStep");
        b.put("ec2.Ec2LaunchBuilder", "ec2.Ec2LaunchStep");
        b.put("ec2.Ec2TerminateBuilder", "ec2.Ec2TerminateStep");
        b.put("deploy.SshDeployBuilder", "deploy.SshDeployStep");
        return b;
    }

    static String freestyle(String shell, String builderXml) {
        String shellStep = shell == null ? "" : "    <hudson.tasks.Shell><command>" + RealJenkins.xmlEscape(shell)
                + "</command></hudson.tasks.Shell>\n";
        return "<?xml version='1.1' encoding='UTF-8'?>\n<project>\n  <keepDependencies>false</keepDependencies>\n"
                + "  <canRoam>true</canRoam>\n  <disabled>false</disabled>\n  <builders>\n" + shellStep + "    " + builderXml
                + "\n  </builders>\n  <publishers/>\n  <buildWrappers/>\n</project>\n";
    }

    static WebClient browser(RealJenkins jenkins) {
        WebClient web = new WebClient(BrowserVersion.FIREFOX);
        web.getOptions().setJavaScriptEnabled(true);
        web.getOptions().setCssEnabled(false);
        web.getOptions().setThrowExceptionOnScriptError(false);
        web.getOptions().setThrowExceptionOnFailingStatusCode(true);
        web.getOptions().setPrintContentOnFailingStatusCode(false);
        web.setAjaxController(new NicelyResynchronizingAjaxController());
        web.addRequestHeader("Authorization", jenkins.authorization());
        new FetchOnXhr(web);
        return web;
    }

    /**
     * HtmlUnit has no {@code fetch()}, which Jenkins' select boxes use to fill themselves; every HTML page gets a
     * small {@code fetch} built on XMLHttpRequest (which HtmlUnit has) before its own scripts, as a browser would.
     */
    static final class FetchOnXhr extends WebConnectionWrapper {
        static final String POLYFILL = "<script>if (!window.fetch) { window.fetch = function (url, opts) {"
                + " opts = opts || {}; return new Promise(function (resolve, reject) {"
                + " var x = new XMLHttpRequest(); x.open((opts.method || 'GET').toUpperCase(), url, true);"
                + " var h = opts.headers || {}; if (typeof h.forEach === 'function') { h.forEach(function (v, k) { x.setRequestHeader(k, v); }); }"
                + " else { for (var k in h) { x.setRequestHeader(k, h[k]); } }"
                + " x.onload = function () { var t = x.responseText; resolve({ ok: x.status >= 200 && x.status < 300, status: x.status,"
                + " headers: { get: function (n) { return x.getResponseHeader(n); } },"
                + " text: function () { return Promise.resolve(t); }, json: function () { return Promise.resolve(JSON.parse(t)); } }); };"
                + " x.onerror = function () { reject(new TypeError('network error')); };"
                + " x.send(opts.body == null ? null : opts.body); }); }; }</script>";

        FetchOnXhr(WebClient web) {
            super(web);
        }

        @Override
        public WebResponse getResponse(WebRequest request) throws java.io.IOException {
            WebResponse response = super.getResponse(request);
            String type = response.getContentType();
            if (response.getStatusCode() != 200 || type == null || !type.contains("html")) {
                return response;
            }
            String html = response.getContentAsString();
            int head = html.indexOf("<head");
            int end = head < 0 ? -1 : html.indexOf('>', head);
            if (end < 0) {
                return response;
            }
            String patched = html.substring(0, end + 1) + POLYFILL + html.substring(end + 1);
            List<NameValuePair> headers = response.getResponseHeaders().stream()
                    .filter(h -> !h.getName().equalsIgnoreCase("Content-Length") && !h.getName().equalsIgnoreCase("Content-Encoding"))
                    .toList();
            WebResponseData data = new WebResponseData(patched.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    response.getStatusCode(), response.getStatusMessage(), headers);
            return new WebResponse(data, request, response.getLoadTime());
        }
    }

    /** Opens a configure page, sets the named fields ({@code _.field}), saves; returns the answer's status. */
    static int saveForm(RealJenkins jenkins, String path, String formName, Map<String, Object> fields) throws Exception {
        try (WebClient web = browser(jenkins)) {
            HtmlPage page = web.getPage(jenkins.url() + path);
            web.waitForBackgroundJavaScript(10_000);
            HtmlForm form = page.getFormByName(formName);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                set(form, "_." + e.getKey(), e.getValue());
            }
            HtmlElement submit = form.getFirstByXPath(".//button[@name='Submit']");
            assertThat(submit).as("Save button of %s", path).isNotNull();
            HtmlPage after = submit.click();
            web.waitForBackgroundJavaScript(5_000);
            return after.getWebResponse().getStatusCode();
        }
    }

    static void set(HtmlForm form, String name, Object value) {
        // the field of the configured builder (a repeated chunk), not of the "Add build step" prototypes
        List<HtmlElement> found = form.getByXPath(".//div[contains(concat(' ', @class, ' '), ' repeated-chunk ')"
                + " and starts-with(@descriptorid, '" + PKG + "')]//*[@name='" + name + "']");
        if (found.isEmpty()) {
            found = form.getByXPath(".//*[@name='" + name + "'][not(ancestor::div[contains(@class, 'prototypes')])]");
        }
        assertThat(found).as("form field %s", name).isNotEmpty();
        HtmlElement el = found.get(0);
        if (el instanceof HtmlCheckBoxInput box) {
            box.setChecked((Boolean) value);
        } else if (el instanceof HtmlTextArea area) {
            area.setText(value.toString());
        } else if (el instanceof HtmlSelect select) {
            List<String> options = select.getOptions().stream().map(HtmlOption::getValueAttribute).toList();
            assertThat(options).as("options of %s", name).contains(value.toString());
            select.setSelectedAttribute(value.toString(), true);
        } else if (el instanceof HtmlInput input) {
            input.setValue(value.toString());
        } else {
            throw new AssertionError("cannot fill " + el);
        }
    }

    static String configXml(RealJenkins jenkins, String job) throws Exception {
        return jenkins.page("job/" + job + "/config.xml");
    }

    /**
     * Saves the form with the given values and checks that the builder's element of config.xml holds them; then an
     * unchanged save must leave the builders byte-identical, and a further unchanged save the whole file. (Jenkins
     * itself adds an empty {@code <actions/>} to a job created from raw XML the first time its page is rendered and
     * saved again, so the whole-file comparison starts from the second save.)
     */
    static String roundTrip(RealJenkins jenkins, String job, Map<String, Object> fields, Map<String, String> expected)
            throws Exception {
        assertThat(saveForm(jenkins, "job/" + job + "/configure", "config", fields)).isEqualTo(200);
        String saved = configXml(jenkins, job);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(slipwayValue(saved, e.getKey())).as("%s in config.xml of %s:%n%s", e.getKey(), job, saved)
                    .isEqualTo(e.getValue());
        }
        assertThat(saveForm(jenkins, "job/" + job + "/configure", "config", Map.of())).isEqualTo(200);
        byte[] second = jenkins.getBytes("job/" + job + "/config.xml").body();
        assertThat(builders(new String(second, StandardCharsets.UTF_8))).as("builders after an unchanged save")
                .isEqualTo(builders(saved));
        assertThat(saveForm(jenkins, "job/" + job + "/configure", "config", Map.of())).isEqualTo(200);
        byte[] third = jenkins.getBytes("job/" + job + "/config.xml").body();
        assertThat(new String(third, StandardCharsets.UTF_8)).as("config.xml after another unchanged save")
                .isEqualTo(new String(second, StandardCharsets.UTF_8));
        assertThat(third).isEqualTo(second);
        return saved;
    }

    static String builders(String xml) {
        return xml.substring(xml.indexOf("<builders>"), xml.indexOf("</builders>"));
    }

    /** The text of element {@code name} inside the Slipway builder of a config.xml (XML-unescaped). */
    static String slipwayValue(String xml, String name) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml.replace("version='1.1'", "version='1.0'"))));
        NodeList builders = doc.getElementsByTagName("builders").item(0).getChildNodes();
        for (int i = 0; i < builders.getLength(); i++) {
            if (builders.item(i) instanceof Element builder && builder.getTagName().startsWith(PKG)) {
                NodeList found = builder.getElementsByTagName(name);
                return found.getLength() == 0 ? null : found.item(0).getTextContent();
            }
        }
        return null;
    }

    @Test
    void runTestsIsConfiguredThroughItsFormAndBuilds(RealJenkins jenkins) throws Exception {
        jenkins.createJob("form-runtests", freestyle(null, "<" + PKG + "tests.RunTestsBuilder/>"));
        String command = "mkdir -p out && printf '<testsuite name=\"forms\" tests=\"2\"><testcase classname=\"f.A\" name=\"one\"/>"
                + "<testcase classname=\"f.A\" name=\"two\"/></testsuite>' > out/TEST-forms.xml";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("command", command);
        fields.put("reports", "out/*.xml");
        fields.put("maxFailed", "0");
        roundTrip(jenkins, "form-runtests", fields, Map.of("command", command, "reports", "out/*.xml"));
        RealJenkins.Build b = jenkins.build("form-runtests");
        assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
        assertThat(b.console()).doesNotContain("NullPointerException")
                .contains("[runTests] PASSED: 2 tests: 2 passed, 0 failed");
        // published to the junit plugin from a freestyle build too
        assertThat(jenkins.page(b.path() + "testReport/api/json?tree=passCount,failCount")).contains("\"passCount\":2");
    }

    @Test
    void codeMetricsIsConfiguredThroughItsFormAndBuilds(RealJenkins jenkins) throws Exception {
        String shell = "rm -rf src && mkdir -p src/demo && printf 'package demo;\\n\\npublic class Hello {\\n"
                + "    public int twice(int x) {\\n        int unused = 3;\\n        return 2 * x;\\n    }\\n}\\n' > src/demo/Hello.java";
        jenkins.createJob("form-metrics", freestyle(shell, "<" + PKG + "metrics.CodeMetricsBuilder/>"));
        roundTrip(jenkins, "form-metrics", Map.of("sourceRoots", "src", "includes", "**/*.java"),
                Map.of("sourceRoots", "src", "includes", "**/*.java"));
        RealJenkins.Build b = jenkins.build("form-metrics");
        assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
        assertThat(b.console()).doesNotContain("NullPointerException").contains("Hello");
    }

    @Test
    void ec2TerminateTakesAnAwsCredentialFromItsDropDownAndBuilds(RealJenkins jenkins) throws Exception {
        jenkins.script(Fixtures.awsCredentialScript("aws-forms", "AKIAFORMSFORMSFORMS1", "forms-secret-key"));
        jenkins.createJob("form-terminate", freestyle(null, "<" + PKG + "ec2.Ec2TerminateBuilder/>"));
        try (FakeEc2 ec2 = new FakeEc2()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("fleet", "forms-fleet");
            fields.put("region", "eu-west-1");
            fields.put("credentialsId", "aws-forms");
            fields.put("endpoint", ec2.endpoint());
            roundTrip(jenkins, "form-terminate", fields,
                    Map.of("fleet", "forms-fleet", "region", "eu-west-1", "credentialsId", "aws-forms"));
            RealJenkins.Build b = jenkins.build("form-terminate");
            assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
            assertThat(b.console()).doesNotContain("NullPointerException").doesNotContain("forms-secret-key");
        }
    }

    @Test
    void ec2LaunchTakesAnAwsCredentialFromItsDropDownAndBuilds(RealJenkins jenkins) throws Exception {
        jenkins.script(Fixtures.awsCredentialScript("aws-forms", "AKIAFORMSFORMSFORMS1", "forms-secret-key"));
        jenkins.createJob("form-launch", freestyle(null, "<" + PKG + "ec2.Ec2LaunchBuilder><step><fleet>f</fleet></step></"
                + PKG + "ec2.Ec2LaunchBuilder>"));
        try (FakeEc2 ec2 = new FakeEc2()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("fleet", "forms-launch");
            fields.put("count", "1");
            fields.put("ami", "ami-0123456789abcdef0");
            fields.put("instanceType", "t3.micro");
            fields.put("region", "eu-west-1");
            fields.put("credentialsId", "aws-forms");
            fields.put("endpoint", ec2.endpoint());
            fields.put("waitSsh", false);
            fields.put("waitStatusOk", false);
            fields.put("resultFile", "hosts.json");
            roundTrip(jenkins, "form-launch", fields, Map.of("fleet", "forms-launch", "instanceType", "t3.micro",
                    "ami", "ami-0123456789abcdef0", "credentialsId", "aws-forms", "resultFile", "hosts.json",
                    "waitSsh", "false"));
            RealJenkins.Build b = jenkins.build("form-launch");
            assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
            assertThat(b.console()).doesNotContain("NullPointerException").doesNotContain("forms-secret-key")
                    .contains("[ec2Launch] result written to hosts.json");
            Path hosts = jenkins.home().resolve("workspace/form-launch/hosts.json");
            assertThat(hosts).as("hosts file of %s", b).exists();
            String json = Files.readString(hosts);
            assertThat(json.strip()).as("hosts file %s: the step's whole value", hosts).startsWith("{").contains("\"hosts\":[");
            assertThat(json).as("hosts file %s", hosts).containsPattern("\\bi-[0-9a-f]+")
                    .contains("\"fleet\":\"forms-launch\"");
            assertThat(json.split("\"instanceId\"", -1)).as("one host (count 1) in %s", json).hasSize(2);
        }
    }

    @Test
    void sshDeployTakesAnSshKeyFromItsDropDownAndBuilds(RealJenkins jenkins, @TempDir Path tmp) throws Exception {
        KeyPair userKey = LoopbackSshHost.newKey();
        try (LoopbackSshHost host = LoopbackSshHost.start(tmp.resolve("host"), userKey)) {
            jenkins.script(Fixtures.sshKeyCredentialScript("ssh-forms", LoopbackSshHost.USER, userKey));
            jenkins.createJob("form-deploy", freestyle("rm -rf dist && mkdir -p dist && printf 'build %s' \"$BUILD_NUMBER\""
                    + " > dist/version.txt", "<" + PKG + "deploy.SshDeployBuilder/>"));
            String hostList = LoopbackSshHost.USER + "@127.0.0.1:" + host.port();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("credentialsId", "ssh-forms");
            fields.put("hostList", hostList);
            fields.put("knownHosts", host.knownHostsLine());
            fields.put("baseDir", "srv/forms");
            fields.put("artifact", "dist");
            fields.put("releaseId", "forms-1");
            fields.put("healthCommand", "test -f version.txt");
            fields.put("healthRetries", "1");
            roundTrip(jenkins, "form-deploy", fields, Map.of("credentialsId", "ssh-forms",
                    "hostList", hostList, "baseDir", "srv/forms", "artifact", "dist", "releaseId", "forms-1"));
            RealJenkins.Build b = jenkins.build("form-deploy");
            assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
            assertThat(b.console()).doesNotContain("NullPointerException").doesNotContain("BEGIN OPENSSH PRIVATE KEY");
            assertThat(host.current("srv/forms")).as("release the current link points to after %s", b).isEqualTo("forms-1");
            assertThat(Files.readString(host.dir().resolve("srv/forms/current/version.txt"))).isEqualTo("build " + b.number());
        }
    }

    @Test
    void browserTestIsConfiguredThroughItsFormAndBuilds(RealJenkins jenkins) throws Exception {
        Path demo = Fixtures.copy("form-browser-demo", "src/demo");
        String shell = "rm -rf classes formapp && cp -R '" + demo + "/.' . && mkdir -p classes"
                + " && javac -d classes formapp/src/main/java/example/*.java";
        jenkins.createJob("form-browser", freestyle(shell, "<" + PKG + "browser.BrowserTestBuilder/>"));
        String appCommand = "java -cp classes example.FormApp --port {port}";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("appCommand", appCommand);
        fields.put("readyPath", "/health");
        fields.put("scenarios", "browser-scenario.json");
        roundTrip(jenkins, "form-browser", fields, Map.of("appCommand", appCommand, "readyPath", "/health",
                "scenarios", "browser-scenario.json"));
        RealJenkins.Build b = jenkins.build("form-browser");
        assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
        assertThat(b.console()).doesNotContain("NullPointerException").contains("[browserTest] PASSED");
    }

    /**
     * Every field of every builder's form — the nested step's own form plus the result file — set to a value that
     * differs from its default, saved, and read back from config.xml equal; then unchanged saves change nothing. The
     * step's parameters that a form can hold (strings, numbers, booleans) must all be in the form.
     */
    @Test
    void everyStepFieldOfEveryBuilderGoesThroughTheFormAndComesBackEqual(RealJenkins jenkins) throws Exception {
        // a credential of each kind, so that each credentials drop-down has a value to choose
        jenkins.script(Fixtures.awsCredentialScript("aws-all-fields", "AKIAALLFIELDSALLFIEL", "all-fields-secret"));
        jenkins.script(Fixtures.sshKeyCredentialScript("ssh-all-fields", LoopbackSshHost.USER, LoopbackSshHost.newKey()));
        for (Map.Entry<String, String> b : BUILDERS.entrySet()) {
            String job = "all-fields-" + b.getKey();
            String bare = b.getKey().equals("ec2.Ec2LaunchBuilder")
                    ? "<" + PKG + b.getKey() + "><step><fleet>f</fleet></step></" + PKG + b.getKey() + ">"
                    : "<" + PKG + b.getKey() + "/>";
            jenkins.createJob(job, freestyle(null, bare));
            Class<?> step = Class.forName(PKG + b.getValue());
            Map<String, Object> fields = new LinkedHashMap<>();
            Map<String, String> expected = new LinkedHashMap<>();
            try (WebClient web = browser(jenkins)) {
                HtmlPage page = web.getPage(jenkins.url() + "job/" + job + "/configure");
                web.waitForBackgroundJavaScript(10_000);
                List<HtmlElement> inputs = page.getFormByName("config").getByXPath(".//div[contains(concat(' ', @class, ' '),"
                        + " ' repeated-chunk ') and starts-with(@descriptorid, '" + PKG + "')]//*[starts-with(@name, '_.')]");
                for (HtmlElement input : inputs) {
                    String name = input.getAttribute("name").substring(2);
                    if (fields.containsKey(name)) {
                        continue;
                    }
                    Class<?> type = name.equals("resultFile") ? String.class : propertyType(step, name);
                    assertThat(type).as("%s form field %s is a property of %s", b.getKey(), name, step.getSimpleName()).isNotNull();
                    if (input instanceof HtmlCheckBoxInput box) {
                        fields.put(name, !box.isChecked());
                        expected.put(name, String.valueOf(!box.isChecked()));
                    } else if (input instanceof HtmlSelect select) {
                        List<String> values = select.getOptions().stream().map(HtmlOption::getValueAttribute)
                                .filter(v -> !v.isEmpty()).toList();
                        assertThat(values).as("%s choices of %s", b.getKey(), name).isNotEmpty();
                        String last = values.get(values.size() - 1);
                        fields.put(name, last);
                        expected.put(name, last);
                    } else if (type == int.class || type == Integer.class) {
                        fields.put(name, "7");
                        expected.put(name, "7");
                    } else if (type == double.class || type == Double.class) {
                        fields.put(name, "2.5");
                        expected.put(name, "2.5");
                    } else {
                        fields.put(name, "v-" + name);
                        expected.put(name, "v-" + name);
                    }
                }
            }
            assertThat(fields).as("%s form fields", b.getKey()).containsKey("resultFile")
                    .containsKeys(formProperties(step).toArray(String[]::new));
            roundTrip(jenkins, job, fields, expected);
        }
    }

    /** The type of a step's bound property (constructor parameter or setter), or null when it has none. */
    static Class<?> propertyType(Class<?> step, String name) {
        String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (java.lang.reflect.Method m : step.getMethods()) {
            if (m.getName().equals(setter) && m.getParameterCount() == 1
                    && m.isAnnotationPresent(org.kohsuke.stapler.DataBoundSetter.class)) {
                return m.getParameterTypes()[0];
            }
        }
        for (java.lang.reflect.Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(org.kohsuke.stapler.DataBoundConstructor.class)) {
                for (java.lang.reflect.Parameter p : c.getParameters()) {
                    if (p.getName().equals(name)) {
                        return p.getType();
                    }
                }
            }
        }
        return null;
    }

    /** The step's properties a form can hold: strings, numbers, booleans (not Pipeline-only lists such as hosts). */
    static List<String> formProperties(Class<?> step) {
        List<String> out = new java.util.ArrayList<>();
        for (java.lang.reflect.Method m : step.getMethods()) {
            if (m.isAnnotationPresent(org.kohsuke.stapler.DataBoundSetter.class) && m.getParameterCount() == 1
                    && (m.getParameterTypes()[0].isPrimitive() || m.getParameterTypes()[0] == String.class
                    || Number.class.isAssignableFrom(m.getParameterTypes()[0]) || m.getParameterTypes()[0] == Boolean.class)) {
                out.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        for (java.lang.reflect.Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(org.kohsuke.stapler.DataBoundConstructor.class)) {
                for (java.lang.reflect.Parameter p : c.getParameters()) {
                    out.add(p.getName());
                }
            }
        }
        return out;
    }

    /** A config.xml naming a builder with nothing (or one field) inside: loads, renders its form, and builds. */
    @Test
    void everyBuilderLoadsAndRunsFromABareConfig(RealJenkins jenkins) throws Exception {
        StringBuilder problems = new StringBuilder();
        for (String builder : BUILDERS.keySet()) {
            String job = "bare-" + builder;
            String element = builder.equals("ec2.Ec2LaunchBuilder")
                    ? "<" + PKG + builder + "><resultFile>hosts.json</resultFile></" + PKG + builder + ">"
                    : "<" + PKG + builder + "/>";
            jenkins.createJob(job, freestyle(null, element));
            assertThat(jenkins.get("job/" + job + "/configure").statusCode()).as("configure page of %s", job).isEqualTo(200);
            RealJenkins.Build b = jenkins.build(job);
            if (b.console().contains("NullPointerException") || b.console().contains("\tat ")) {
                problems.append(builder).append(": ").append(b.result()).append('\n').append(b.console()).append('\n');
            }
            assertThat(b.result()).as("%s", b).isIn("SUCCESS", "UNSTABLE", "FAILURE");
            // the step itself ran and said what it did or what is missing, by its name
            String simple = builder.substring(builder.indexOf('.') + 1);
            String step = Character.toLowerCase(simple.charAt(0)) + simple.substring(1, simple.length() - "Builder".length());
            assertThat(b.console()).as("%s", b).containsPattern("(\\[" + step + "\\] |ERROR: .*" + step + ")");
        }
        assertThat(problems.toString()).as("builds that failed with a Java exception").isEmpty();
    }
}
