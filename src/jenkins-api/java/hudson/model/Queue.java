package hudson.model;

import hudson.model.queue.SubTask;

/** Compile-only declaration: the items waiting in the queue and their cancelling; the adapter never makes a queue. */
public class Queue extends ResourceController {
    private Queue() {
    }

    public static Queue getInstance() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public Item[] getItems() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public boolean cancel(Item item) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public interface Task extends ModelObject, SubTask {
    }

    public interface Executable extends Runnable {
    }

    public abstract static class Item extends Actionable {
        public final Task task = null;

        private Item() {
        }
    }
}
