package hudson.model;

/** Compile-only declaration: declared as the superclass of {@code Jenkins}, without members. */
public abstract class AbstractCIBase extends Node {
}
