package hudson.model;

public abstract class AbstractModelObject implements ModelObject {
}
