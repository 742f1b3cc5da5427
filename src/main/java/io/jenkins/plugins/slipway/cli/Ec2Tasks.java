package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.ec2.Ec2LaunchRequest;
import io.jenkins.plugins.slipway.engine.ec2.Ec2ListRequest;
import io.jenkins.plugins.slipway.engine.ec2.Ec2Result;
import io.jenkins.plugins.slipway.engine.ec2.Ec2Service;
import io.jenkins.plugins.slipway.engine.ec2.Ec2TerminateRequest;

/** The EC2 tasks: {@code ec2-launch}, {@code ec2-terminate} and {@code ec2-list}. */
final class Ec2Tasks {

    private Ec2Tasks() {
    }

    /** Ensure a fleet: reuse, launch the missing, wait until reachable. */
    static final class LaunchTask implements EngineTask<Ec2LaunchRequest, Ec2Result> {
        @Override
        public String name() {
            return "ec2-launch";
        }

        @Override
        public Class<Ec2LaunchRequest> requestType() {
            return Ec2LaunchRequest.class;
        }

        @Override
        public Ec2Result run(Ec2LaunchRequest request, TaskContext context)
                throws SlipwayException, InterruptedException {
            return new Ec2Service().launch(request, context);
        }
    }

    /** Terminate a fleet, given instances, or every expired Slipway instance. */
    static final class TerminateTask implements EngineTask<Ec2TerminateRequest, Ec2Result> {
        @Override
        public String name() {
            return "ec2-terminate";
        }

        @Override
        public Class<Ec2TerminateRequest> requestType() {
            return Ec2TerminateRequest.class;
        }

        @Override
        public Ec2Result run(Ec2TerminateRequest request, TaskContext context)
                throws SlipwayException, InterruptedException {
            return new Ec2Service().terminate(request, context);
        }
    }

    /** List a fleet's (or every Slipway fleet's) pending and running instances. */
    static final class ListTask implements EngineTask<Ec2ListRequest, Ec2Result> {
        @Override
        public String name() {
            return "ec2-list";
        }

        @Override
        public Class<Ec2ListRequest> requestType() {
            return Ec2ListRequest.class;
        }

        @Override
        public Ec2Result run(Ec2ListRequest request, TaskContext context)
                throws SlipwayException, InterruptedException {
            return new Ec2Service().list(request, context);
        }
    }
}
