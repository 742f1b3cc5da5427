package hudson.model;

public class Queue {
    public interface Task extends ModelObject {
    }
}
