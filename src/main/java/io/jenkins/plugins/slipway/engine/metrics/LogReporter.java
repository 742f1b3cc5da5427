package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.engine.core.Log;
import java.text.MessageFormat;
import java.util.concurrent.atomic.AtomicInteger;
import net.sourceforge.pmd.util.log.PmdReporter;
import org.slf4j.event.Level;

/** PMD's and CPD's own messages: warnings and errors to the log's debug channel (files skipped are reported apart). */
final class LogReporter implements PmdReporter {
    private final Log log;
    private final AtomicInteger errors = new AtomicInteger();

    LogReporter(Log log) {
        this.log = log;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.toInt() >= Level.WARN.toInt();
    }

    @Override
    public void logEx(Level level, String message, Object[] formatArgs, Throwable error) {
        if (level == Level.ERROR) {
            errors.incrementAndGet();
        }
        String text;
        try {
            text = message == null ? "" : MessageFormat.format(message, formatArgs == null ? new Object[0] : formatArgs);
        } catch (IllegalArgumentException e) {
            text = message;
        }
        log.debug("pmd " + level + ": " + text + (error == null ? "" : " (" + error + ")"));
    }

    @Override
    public int numErrors() {
        return errors.get();
    }
}
