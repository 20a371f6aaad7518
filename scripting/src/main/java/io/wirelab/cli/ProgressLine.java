package io.wirelab.cli;

import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpClientState;
import io.wirelab.labs.run.HostRuntime;
import io.wirelab.labs.run.Lab;
import io.wirelab.sim.SimTime;
import java.io.Console;
import java.io.PrintStream;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.EnumSet;
import java.util.Set;

/**
 * The progress line of a long run: once a run has taken {@link #FIRST_AFTER_NANOS} of wall time,
 * stderr shows the lab time reached, events per second, hosts up and DHCP leases bound, redrawn in
 * place every {@link #EVERY_NANOS} and erased when the run ends. Only on a terminal: when stderr is a
 * file or a pipe nothing is printed. Its thread reads the lab's counters without synchronizing (the
 * device and client sets are fixed once built); a stale value only changes what is shown, never the run.
 */
final class ProgressLine implements AutoCloseable {
    static final long FIRST_AFTER_NANOS = 2_000_000_000L;
    static final long EVERY_NANOS = 250_000_000L;
    private static final Set<DhcpClientState> LEASED = EnumSet.of(DhcpClientState.BOUND, DhcpClientState.RENEWING, DhcpClientState.REBINDING);

    private final Lab lab;
    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private Thread thread;
    private volatile boolean done;
    private boolean drawn;
    private long lastEvents;
    private long lastElapsed;

    ProgressLine(Lab lab, PrintStream err) {
        this.lab = lab;
        this.err = err;
    }

    /** A progress line for a run of lab; drawn only when err is the process's stderr and that is a terminal. */
    static ProgressLine start(Lab lab, PrintStream err) {
        ProgressLine p = new ProgressLine(lab, err);
        if (err == System.err && stderrIsTerminal()) p.thread = Thread.ofPlatform().daemon().name("wirelab-progress").start(p::loop);
        return p;
    }

    private void loop() {
        synchronized (this) {
            try {
                wait(FIRST_AFTER_NANOS / 1_000_000);
                while (!done) {
                    draw(System.nanoTime() - startNanos);
                    wait(EVERY_NANOS / 1_000_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void draw(long elapsedNanos) {
        String line = line(elapsedNanos);
        if (line == null) return;
        err.print("\r" + line + "\033[K");
        err.flush();
        drawn = true;
    }

    /** The line at elapsedNanos of wall time since the start, or null before the first one is due. */
    String line(long elapsedNanos) {
        if (elapsedNanos < FIRST_AFTER_NANOS) return null;
        long events = lab.simulator().eventsExecuted();
        double perSecond = elapsedNanos > lastElapsed ? (events - lastEvents) * 1e9 / (elapsedNanos - lastElapsed) : 0;
        lastEvents = events;
        lastElapsed = elapsedNanos;
        int hosts = 0, up = 0, clients = 0, leased = 0;
        for (HostRuntime r : lab.runtimes().values()) {
            hosts++;
            boolean hasLease = false;
            for (DhcpClient c : r.dhcpClients().values()) {
                clients++;
                if (LEASED.contains(c.state())) {
                    leased++;
                    hasLease = true;
                }
            }
            if (r.dhcpClients().isEmpty() || hasLease) up++;
        }
        return "lab time " + SimTime.human(lab.simulator().now()) + ", " + rate(perSecond) + " events/s, "
                + up + "/" + hosts + " hosts up" + (clients > 0 ? ", " + leased + "/" + clients + " leases bound" : "");
    }

    private static String rate(double perSecond) {
        if (perSecond >= 1e6) return String.format("%.2f M", perSecond / 1e6);
        if (perSecond >= 1e3) return String.format("%.1f k", perSecond / 1e3);
        return String.format("%.0f", perSecond);
    }

    /** Stops redrawing and erases the line, so what follows starts on a clean line. */
    @Override public void close() {
        synchronized (this) {
            done = true;
            notifyAll();
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }

    /** isatty(2): as the launcher found it (wirelab.stderr.tty), else through libc; System.console() when libc cannot be called. */
    @SuppressWarnings("restricted")   // a call into libc's isatty, which only reads its argument
    static boolean stderrIsTerminal() {
        String told = System.getProperty("wirelab.stderr.tty");
        if (told != null) return Boolean.parseBoolean(told);
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle isatty = linker.downcallHandle(linker.defaultLookup().find("isatty").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return (int) isatty.invokeExact(2) == 1;
        } catch (Throwable e) {
            Console c = System.console();
            return c != null && c.isTerminal();
        }
    }
}
