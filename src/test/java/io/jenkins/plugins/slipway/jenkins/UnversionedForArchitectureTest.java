package io.jenkins.plugins.slipway.jenkins;

/** A serializable adapter class without a declared serialVersionUID: what {@code ArchitectureTest} must refuse. */
public final class UnversionedForArchitectureTest implements java.io.Serializable {
    int field;
}
