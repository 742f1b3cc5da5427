package hudson.model;

/** Compile-only declaration: declared as the superclass of {@link Queue}, without members. */
public class ResourceController {
}
