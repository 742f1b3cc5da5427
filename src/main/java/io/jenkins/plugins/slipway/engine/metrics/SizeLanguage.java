package io.jenkins.plugins.slipway.engine.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A language the size count knows: its file name endings and its comment syntax. */
enum SizeLanguage {
    JAVA("Java", List.of("//"), "/*", "*/", "java"),
    KOTLIN("Kotlin", List.of("//"), "/*", "*/", "kt", "kts"),
    GROOVY("Groovy", List.of("//"), "/*", "*/", "groovy", "gradle", "jenkinsfile"),
    SCALA("Scala", List.of("//"), "/*", "*/", "scala"),
    JAVASCRIPT("JavaScript", List.of("//"), "/*", "*/", "js", "mjs", "cjs", "jsx"),
    TYPESCRIPT("TypeScript", List.of("//"), "/*", "*/", "ts", "tsx", "mts", "cts"),
    PYTHON("Python", List.of("#"), null, null, "py", "pyw"),
    GO("Go", List.of("//"), "/*", "*/", "go"),
    C("C", List.of("//"), "/*", "*/", "c", "h"),
    CPP("C++", List.of("//"), "/*", "*/", "cpp", "cc", "cxx", "hpp", "hh", "hxx"),
    CSHARP("C#", List.of("//"), "/*", "*/", "cs"),
    RUST("Rust", List.of("//"), "/*", "*/", "rs"),
    SWIFT("Swift", List.of("//"), "/*", "*/", "swift"),
    PHP("PHP", List.of("//", "#"), "/*", "*/", "php"),
    RUBY("Ruby", List.of("#"), "=begin", "=end", "rb"),
    SHELL("Shell", List.of("#"), null, null, "sh", "bash", "zsh", "ksh"),
    SQL("SQL", List.of("--"), "/*", "*/", "sql"),
    HTML("HTML", List.of(), "<!--", "-->", "html", "htm", "xhtml", "jelly", "vue"),
    XML("XML", List.of(), "<!--", "-->", "xml", "xsd", "xsl", "xslt", "pom", "svg"),
    CSS("CSS", List.of(), "/*", "*/", "css"),
    SCSS("SCSS", List.of("//"), "/*", "*/", "scss", "less"),
    YAML("YAML", List.of("#"), null, null, "yml", "yaml"),
    TOML("TOML", List.of("#"), null, null, "toml"),
    PROPERTIES("Properties", List.of("#", "!"), null, null, "properties"),
    MARKDOWN("Markdown", List.of(), null, null, "md", "markdown"),
    JSON("JSON", List.of(), null, null, "json"),
    DOCKERFILE("Dockerfile", List.of("#"), null, null, "dockerfile"),
    MAKEFILE("Makefile", List.of("#"), null, null, "makefile", "mk");

    private static final Map<String, SizeLanguage> BY_EXTENSION = new HashMap<>();

    static {
        for (SizeLanguage language : values()) {
            for (String extension : language.extensions) {
                BY_EXTENSION.put(extension, language);
            }
        }
    }

    final String displayName;
    final List<String> lineComments;
    final String blockStart;
    final String blockEnd;
    private final String[] extensions;

    SizeLanguage(String displayName, List<String> lineComments, String blockStart, String blockEnd,
            String... extensions) {
        this.displayName = displayName;
        this.lineComments = lineComments;
        this.blockStart = blockStart;
        this.blockEnd = blockEnd;
        this.extensions = extensions;
    }

    /** The language of a file by its name, or null when it is not source code we count. */
    static SizeLanguage of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.equals("dockerfile") || lower.equals("makefile") || lower.equals("jenkinsfile")) {
            return BY_EXTENSION.get(lower);
        }
        int dot = lower.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(lower.substring(dot + 1));
    }
}
