package io.wirelab.cli;

import io.wirelab.cli.daemon.DaemonControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code wirelab daemon status|stop}, listed with the other commands. The launcher hands it to the daemon's
 * small client ({@link DaemonControl} there); this is the same control for a JVM started on Main.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Show (status) or end (stop) this user's wirelab daemons.",
                "With WIRELAB_DAEMON=1, run, validate and labs go to a warm background JVM (README, \"Faster start-up\")."})
final class DaemonCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "status|stop", description = "status: list the daemons; stop: end them, each after the command it runs")
    String action;

    DaemonCommand(Io io) { this.io = io; }

    @Override public Integer call() {
        return new DaemonControl(io.out(), io.err(), System.getenv()).run(new String[] {"daemon", action});
    }
}
