import java.io.*;
import org.jacoco.core.analysis.*;
import org.jacoco.core.tools.ExecFileLoader;
import org.jacoco.report.*;
import org.jacoco.report.xml.XMLFormatter;
public class MakeXml {
  public static void main(String[] a) throws Exception {
    ExecFileLoader l = new ExecFileLoader(); l.load(new File(a[0]));
    CoverageBuilder b = new CoverageBuilder();
    new Analyzer(l.getExecutionDataStore(), b).analyzeAll(new File(a[1]));
    IBundleCoverage bundle = b.getBundle("calc");
    try (OutputStream out = new FileOutputStream(a[2])) {
      IReportVisitor v = new XMLFormatter().createVisitor(out);
      v.visitInfo(l.getSessionInfoStore().getInfos(), l.getExecutionDataStore().getContents());
      v.visitBundle(bundle, null); v.visitEnd();
    }
  }
}
