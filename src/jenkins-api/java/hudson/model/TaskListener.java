package hudson.model;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public interface TaskListener extends SerializableOnlyOverRemoting {
    PrintStream getLogger();

    default PrintWriter error(String msg) {
        PrintWriter out = new PrintWriter(getLogger(), true);
        out.print("ERROR: ");
        out.println(msg);
        return out;
    }
}
