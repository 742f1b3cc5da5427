package io.jenkins.plugins.slipway.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The spellings an option had before it took its step parameter's name: still read for one release, shown in no
 * help, and answered with a note naming the new spelling ({@link OldSpellings}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Was {
    String[] value();
}
