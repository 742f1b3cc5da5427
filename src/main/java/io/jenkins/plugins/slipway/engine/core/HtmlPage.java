package io.jenkins.plugins.slipway.engine.core;

import io.jenkins.plugins.slipway.shared.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every Slipway HTML report shares: the one stylesheet ({@value #STYLESHEET}, written beside each page), the one
 * HTML escape, the page frame, status badges and durations.
 *
 * <p>Jenkins serves archived files with {@code sandbox; default-src 'none'; img-src 'self'; style-src 'self'}: that
 * blocks inline {@code <style>}, {@code style=""} attributes and scripts but allows a stylesheet from the same
 * place. So the pages carry no style of their own and no script; inline SVG uses classes from the stylesheet.
 */
public final class HtmlPage {

    /** The stylesheet's file name, beside every page. */
    public static final String STYLESHEET = "slipway.css";

    private static final String CSS = load();

    private HtmlPage() {
    }

    /** The stylesheet's text. */
    public static String css() {
        return CSS;
    }

    /** The page up to and including {@code <body><main>}: doctype, charset, title and the stylesheet link. */
    public static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + esc(title)
                + "</title>\n<link rel=\"stylesheet\" href=\"" + STYLESHEET + "\">\n</head><body><main>\n";
    }

    /** The end of the page opened by {@link #head}. */
    public static String foot() {
        return "<p class=\"footer\">Written by Slipway. A static page: no script, styles from " + STYLESHEET
                + " beside it.</p>\n</main></body></html>\n";
    }

    /**
     * Writes a stage's page to {@code report} (relative to the working directory), secrets redacted, with the
     * stylesheet beside it. A page that cannot be written is only a warning naming {@code what} (the stage's work is
     * done either way); returns whether it was written.
     */
    public static boolean writeReport(String html, String report, String what, TaskContext context) {
        Path file = context.resolve(report);
        try {
            file = context.outputFile(report);
            write(file, context.secrets().redact(html));
            context.log().info("report: " + file);
            return true;
        } catch (IOException | RuntimeException e) {
            context.log().warn("Cannot write the " + what + " report to " + file + ": " + e.getMessage()
                    + ". Check that the directory is writable or choose another place (report).");
            return false;
        }
    }

    /**
     * Writes {@code html} to {@code file} (through {@link SafeOutput}: a unique temporary file renamed over it, a link there refused) and the
     * stylesheet beside it.
     */
    public static void write(Path file, String html) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        SafeOutput.writeString(target, html);
        writeStylesheet(target.getParent());
    }

    /** Writes {@value #STYLESHEET} into {@code dir} (unchanged when it is already there with the same text). */
    public static void writeStylesheet(Path dir) throws IOException {
        Path css = dir.resolve(STYLESHEET);
        if (Files.isRegularFile(css, LinkOption.NOFOLLOW_LINKS)
                && Files.readString(css, StandardCharsets.UTF_8).equals(CSS)) {
            return;
        }
        SafeOutput.writeString(css, CSS);
    }

    /**
     * A status badge: {@code PASSED}, {@code UNSTABLE}, {@code FAILED}, {@code ERROR}, {@code SKIPPED},
     * {@code NOT_AVAILABLE} or a deploy host outcome; coloured by the stylesheet's {@code s-<STATUS>} class.
     */
    public static String badge(String status) {
        String s = status == null ? "UNKNOWN" : status;
        return "<span class=\"badge s-" + cssName(s) + "\">" + esc(s.replace('_', ' ')) + "</span>";
    }

    /** A status usable as (part of) a class name: letters, digits, {@code _} and {@code -} only. */
    public static String cssName(String status) {
        return status == null ? "UNKNOWN" : status.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 2 min 05 s}. */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = Math.round(millis / 1000.0);
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    /**
     * Text made safe for HTML content and attribute values; control characters other than tab and newline dropped.
     * The one escape of Slipway, {@link Html#escape}, which the adapter's charts use too.
     */
    public static String esc(String s) {
        return Html.escape(s);
    }

    private static String load() {
        try (InputStream in = HtmlPage.class.getResourceAsStream(STYLESHEET)) {
            if (in == null) {
                throw new IllegalStateException(STYLESHEET + " is missing from the engine's classpath (a broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
