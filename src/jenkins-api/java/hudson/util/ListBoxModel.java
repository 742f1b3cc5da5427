package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
    }

    public void add(String displayName, String value) {
        add(new Option(displayName, value));
    }

    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }
}
