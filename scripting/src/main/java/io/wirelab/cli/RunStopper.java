package io.wirelab.cli;

import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.engine.GroovyEngine;
import java.io.PrintStream;
import java.time.Duration;
import org.jline.utils.Signals;

/**
 * Bounds a run in wall-clock time and turns Ctrl-C into an orderly stop: the script stops at its next
 * loop, closure, method or lab call, the lab at its next event, and the caller closes the captures
 * and exits 3. A run that does not stop within {@link #GRACE} (a JDK call that never returns), or a
 * second Ctrl-C, ends the process at once with exit 3. The only thread of a run besides the lab's.
 * In a JVM {@link JvmRelaunch} started, SIGTERM is the parent's Ctrl-C passed on: it stops the run as
 * the first Ctrl-C does, and never counts as a second one (the terminal's own SIGINT may follow it).
 */
final class RunStopper implements AutoCloseable {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final String INTERRUPTED = "interrupted (Ctrl-C)";

    private final GroovyEngine engine;
    private final Lab lab;
    private final PrintStream err;
    private final Thread watchdog;
    private final Runnable restoreInterrupt;
    private final Object previousTermHandler;
    private volatile String reason;
    /** The run was stopped by the parent's SIGTERM alone, so the next SIGINT is the same Ctrl-C. */
    private boolean stoppedByParent;
    private volatile boolean done;

    /** timeout null: no wall-clock limit; signals: whether to take over SIGINT (only in the real process). */
    RunStopper(GroovyEngine engine, Lab lab, Duration timeout, boolean signals, PrintStream err) {
        this.engine = engine;
        this.lab = lab;
        this.err = err;
        this.restoreInterrupt = signals ? SharedJvm.onInterrupt(this::interrupted) : null;
        this.previousTermHandler = signals && JvmRelaunch.isRelaunched() ? Signals.register("TERM", this::parentInterrupted) : null;
        this.watchdog = Thread.ofPlatform().daemon().name("wirelab-timeout").start(() -> watch(timeout));
    }

    /** Why the run was stopped ("timed out after ...", "interrupted (Ctrl-C)"), or null. */
    String reason() { return reason; }

    boolean stopped() { return reason != null; }

    private void watch(Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!done && reason == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                waitNanos(left);
            }
        }
        if (done) return;
        if (reason == null) stop("timed out after " + format(timeout) + " of wall-clock time (--timeout)");
        long graceEnd = System.nanoTime() + GRACE.toNanos();
        synchronized (this) {
            while (!done && System.nanoTime() < graceEnd) waitNanos(graceEnd - System.nanoTime());
        }
        if (!done) halt("did not stop within " + GRACE.toSeconds() + " s");
    }

    private synchronized void interrupted() {
        if (stoppedByParent) stoppedByParent = false;
        else stop(INTERRUPTED);
    }

    private synchronized void parentInterrupted() {
        if (reason != null) return;
        stoppedByParent = true;
        stop(INTERRUPTED);
    }

    private synchronized void stop(String why) {
        if (reason != null) {
            halt("interrupted again");
            return;
        }
        reason = why;
        engine.interrupt();
        lab.simulator().requestStop();
        synchronized (this) { notifyAll(); }
    }

    private void halt(String why) {
        err.println("wirelab: " + reason + "; " + why + ": exiting without closing the captures");
        err.flush();
        SharedJvm.halt(Main.STOPPED);
    }

    private void waitNanos(long nanos) {
        try {
            wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = true;
        }
    }

    static String format(Duration d) {
        if (d.toMillis() % 60_000 == 0) return d.toMinutes() + " min";
        if (d.toMillis() % 1000 == 0) return d.toSeconds() + " s";
        return d.toMillis() + " ms";
    }

    @Override public void close() {
        synchronized (this) {
            done = true;
            notifyAll();
        }
        if (restoreInterrupt != null) restoreInterrupt.run();
        if (previousTermHandler != null) Signals.unregister("TERM", previousTermHandler);
    }
}
