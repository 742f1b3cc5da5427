package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The short name of an extension (structs' symbol-annotation library). The real annotation is also meta-annotated
 * {@code @org.jvnet.hudson.annotation_indexer.Indexed}; that only feeds structs' index of symbols, which Slipway does
 * not use: Configuration as Code reads the annotation from the class itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
