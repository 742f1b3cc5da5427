package hudson;

import java.util.Map;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 4320331661987259022L;

    public EnvVars() {
        super(String.CASE_INSENSITIVE_ORDER);
    }

    public EnvVars(Map<String, String> m) {
        this();
        putAll(m);
    }

    public String expand(String s) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
