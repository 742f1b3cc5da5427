package hudson.model;

/** Compile-only declaration: declared as a superclass of {@code Jenkins}, without members. */
public abstract class Node extends AbstractModelObject {
}
