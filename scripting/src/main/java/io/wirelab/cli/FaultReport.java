package io.wirelab.cli;

import io.wirelab.labs.run.Lab;
import io.wirelab.sim.HandlerFaults;
import java.io.PrintStream;

/**
 * Device faults in a run (a frame handler threw; the frame was dropped and the lab went on): one
 * line each as it first happens, then the list at the end, which makes a batch run exit 1.
 */
final class FaultReport {
    private FaultReport() {}

    static void asTheyHappen(Lab lab, PrintStream err) {
        lab.simulator().faults().onNewFault(line -> err.println("wirelab: " + line));
    }

    /** Prints the faults of the run, if any, and returns the exit code: rc, or FAILED instead of OK when there were faults. */
    static int atEnd(Lab lab, PrintStream err, int rc) {
        HandlerFaults faults = lab.simulator().faults();
        if (faults.isEmpty()) return rc;
        long n = faults.total();
        err.println("wirelab: " + n + (n == 1 ? " frame was" : " frames were") + " dropped because a device failed to handle "
                + (n == 1 ? "it" : "them") + ":");
        for (String line : faults.lines()) err.println("  " + line);
        return rc == Main.OK ? Main.FAILED : rc;
    }
}
