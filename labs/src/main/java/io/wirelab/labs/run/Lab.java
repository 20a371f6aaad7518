package io.wirelab.labs.run;

import io.wirelab.devices.Device;
import io.wirelab.devices.host.Host;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.link.Link;
import io.wirelab.pcap.Capture;
import io.wirelab.pcap.CaptureFiles;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A running lab: its simulator, devices in file order, links and open captures. Single-threaded;
 * time only moves inside run/await. close() finishes every capture file; captures write whole
 * blocks (see Capture), so they stay valid even when a script fails before close.
 */
public final class Lab implements AutoCloseable {
    private final LabSpec spec;
    private final Simulator sim;
    private final SequencedMap<String, Device> devices;
    private final SequencedMap<String, HostRuntime> runtimes;
    private final List<Link> links;
    private final List<Capture> captures;
    private final Path outDir;
    private final LabTls tls;
    private final List<Path> tlsFiles = new ArrayList<>();
    private final CaptureFiles captureFiles;
    private boolean closed;

    /**
     * Made by LabBuilder; devices, links and captures must belong to sim, runtimes hold what runs on
     * each host. outDir (null without captures) receives lab-ca.pem and keys.log at close when the lab used TLS.
     */
    public Lab(LabSpec spec, Simulator sim, LinkedHashMap<String, Device> devices, LinkedHashMap<String, HostRuntime> runtimes,
               List<Link> links, List<Capture> captures, Path outDir, LabTls tls) {
        this(spec, sim, devices, runtimes, links, captures, outDir, tls, null);
    }

    /** captureFiles: the bounded file handles of the captures (null when they were opened otherwise). */
    public Lab(LabSpec spec, Simulator sim, LinkedHashMap<String, Device> devices, LinkedHashMap<String, HostRuntime> runtimes,
               List<Link> links, List<Capture> captures, Path outDir, LabTls tls, CaptureFiles captureFiles) {
        this.captureFiles = captureFiles;
        this.outDir = outDir;
        this.tls = tls;
        this.spec = spec;
        this.sim = sim;
        this.devices = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(devices));
        this.runtimes = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(runtimes));
        this.links = List.copyOf(links);
        this.captures = List.copyOf(captures);
    }

    public String name() { return spec.name(); }
    public long seed() { return sim.seed(); }
    public LabSpec spec() { return spec; }
    public Simulator simulator() { return sim; }
    public long now() { return sim.now(); }

    /** Devices by name, in file order. */
    public SequencedMap<String, Device> devices() { return devices; }

    public Device device(String name) {
        Device d = devices.get(name);
        if (d == null) {
            String hint = DidYouMean.hint(name, devices.keySet());
            throw new NoSuchElementException("no device '" + name + "' in lab " + name() + (hint == null ? "" : " (" + hint + ")"));
        }
        return d;
    }

    public Host host(String name) {
        Device d = device(name);
        if (d instanceof Host h) return h;
        throw new IllegalArgumentException(name + " is a " + d.kind() + ", not a host");
    }

    /** What runs on each host (resolver, DHCP client and servers, web), by name, in file order. */
    public SequencedMap<String, HostRuntime> runtimes() { return runtimes; }

    /** What runs on the host name: its resolver, DHCP clients, servers and HTTP clients. */
    public HostRuntime runtime(String name) {
        host(name);                                          // throws for no such device, or not a host
        return runtimes.get(name);
    }

    /** Links in file order (lab.spec().links() holds their description). */
    public List<Link> links() { return links; }

    /** Advances virtual time by nanos, running everything due. */
    public void run(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("cannot run for a negative time");
        if (!sim.runFor(nanos)) throw new LabInterruptedException("interrupted at " + SimTime.format(sim.now()));
    }

    /**
     * Runs the simulator until f completes, then returns its value (or throws its failure). Gives up
     * after virtualTimeoutNanos of virtual time with a LabTimeoutException.
     */
    public <T> T await(CompletableFuture<T> f, long virtualTimeoutNanos) { return await(f, virtualTimeoutNanos, null); }

    /**
     * Like {@link #await(CompletableFuture, long)}; a timeout's message ends with what.get(), what was
     * awaited as the lab saw it then ("no DHCP OFFER from any server").
     */
    public <T> T await(CompletableFuture<T> f, long virtualTimeoutNanos, Supplier<String> what) {
        long start = sim.now();
        if (!sim.runUntil(f, virtualTimeoutNanos)) {
            // a run that timed out (or ran dry) left the clock at its deadline; one that was stopped did not
            boolean stopped = sim.now() - start < virtualTimeoutNanos && (virtualTimeoutNanos != Long.MAX_VALUE || sim.pendingEvents() > 0);
            if (stopped)
                throw new LabInterruptedException("interrupted at " + SimTime.format(sim.now()));
            throw new LabTimeoutException(timeoutMessage(virtualTimeoutNanos, sim.now()) + (sim.pendingEvents() == 0 ? "; nothing left to happen in the lab" : "")
                    + (what == null ? "" : ": " + what.get()), virtualTimeoutNanos, sim.now());
        }
        return valueOf(f);
    }

    /** The value of a completed future; its failure is rethrown as itself, not wrapped. */
    public static <T> T valueOf(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw e;
        }
    }

    /** "not done after 5 min of virtual time (lab time 300.000000000 s)". */
    public static String timeoutMessage(long timeoutNanos, long nowNanos) {
        return "not done after " + withUnit(timeoutNanos) + " of virtual time (lab time " + SimTime.format(nowNanos) + " s)";
    }

    private static String withUnit(long nanos) {
        if (nanos >= 60 * SimTime.SECOND && nanos % (60 * SimTime.SECOND) == 0) return nanos / (60 * SimTime.SECOND) + " min";
        if (nanos % SimTime.SECOND == 0) return nanos / SimTime.SECOND + " s";
        return SimTime.human(nanos);
    }

    /** The capture files, in the order of the lab's captures; every frame recorded so far is written out first. */
    public List<Path> captureFiles() {
        List<Path> files = new ArrayList<>();
        for (Capture c : captures) {
            if (c.file() == null) continue;
            try {
                c.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing capture " + c.file() + ": " + e.getMessage(), e);
            }
            files.add(c.file());
        }
        return files;
    }

    public List<Capture> captures() { return captures; }

    /** How the capture files are opened: at most a bounded number at once (null for a lab built otherwise). */
    public CaptureFiles captureFileHandles() { return captureFiles; }

    public boolean isClosed() { return closed; }

    /** The lab's CA and TLS key log. */
    public LabTls tls() { return tls; }

    /** Where captures, lab-ca.pem and keys.log go; null for a lab built without captures. */
    public Path outDir() { return outDir; }

    /** lab-ca.pem and keys.log, once close() wrote them (empty when the lab never used TLS). */
    public List<Path> tlsFiles() { return List.copyOf(tlsFiles); }

    /** Whether the simulator is paced to the wall clock (a lab with a bridge, or run --realtime). */
    public boolean isRealTime() { return sim.isRealTime(); }

    /** Releases devices that hold outside resources (bridges), then closes every capture. Idempotent. */
    @Override public void close() {
        if (closed) return;
        closed = true;
        IOException first = null;
        for (Device d : devices.values()) {
            if (d instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    IOException io = new IOException("closing " + d.name() + ": " + e.getMessage(), e);
                    if (first == null) first = io; else first.addSuppressed(io);
                }
            }
        }
        for (Capture c : captures) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        if (first == null) {
            try {
                tlsFiles.addAll(tls.finish(outDir, captureFiles()));
            } catch (IOException e) {
                first = e;
            }
        }
        if (first != null) throw new UncheckedIOException("closing lab " + name() + ": " + first.getMessage(), first);
    }

    @Override public String toString() { return "lab " + name() + " (seed " + seed() + ", " + devices.size() + " devices, t=" + SimTime.format(sim.now()) + ")"; }
}
