package hudson.model;

/** Compile-only declaration: declared for the constructors of {@link AbstractItem} and its subclasses. */
public interface ItemGroup<T extends Item> extends ModelObject {
}
