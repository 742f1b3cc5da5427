package hudson.model;

/** Compile-only declaration: only {@link Task}; no constructor, as the adapter never makes a queue. */
public class Queue extends ResourceController {
    private Queue() {
    }

    public interface Task extends ModelObject {
    }
}
