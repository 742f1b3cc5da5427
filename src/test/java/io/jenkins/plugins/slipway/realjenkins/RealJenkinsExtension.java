package io.jenkins.plugins.slipway.realjenkins;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the one real Jenkins of the suite: started by the first class that asks, stopped (its whole
 * process tree) when the test JVM's root context closes, i.e. once per suite. Without a distribution folder every
 * class is skipped with a one-line reason.
 */
public final class RealJenkinsExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealJenkinsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        RealJenkins.Distribution dist = RealJenkins.distribution();
        Assumptions.assumeTrue(dist.unusableBecause() == null, () -> "real-Jenkins suite skipped: " + dist.unusableBecause());
        jenkins(context);
        context.publishReportEntry("jenkins", dist.describe());
    }

    static RealJenkins jenkins(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("jenkins", k -> new Holder(), Holder.class).get();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == RealJenkins.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return jenkins(e);
    }

    /** Starts Jenkins lazily; closed with the root context. */
    static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private RealJenkins jenkins;
        private RuntimeException failure;

        synchronized RealJenkins get() {
            if (failure != null) {
                throw failure;
            }
            if (jenkins == null) {
                try {
                    RealJenkins.Distribution dist = RealJenkins.distribution();
                    System.out.println("real-Jenkins suite: " + dist.describe());
                    jenkins = RealJenkins.start(dist.folder());
                } catch (Exception e) {
                    failure = new IllegalStateException("could not start the real Jenkins: " + e.getMessage(), e);
                    throw failure;
                }
            }
            return jenkins;
        }

        @Override
        public synchronized void close() {
            if (jenkins != null) {
                jenkins.close();
            }
        }
    }
}
