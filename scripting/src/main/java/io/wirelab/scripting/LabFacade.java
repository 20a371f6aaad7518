package io.wirelab.scripting;

import groovy.lang.Closure;
import groovy.lang.MissingPropertyException;
import io.wirelab.devices.Device;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.devices.router.Router;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.link.Link;
import io.wirelab.report.ReportRecorder;
import io.wirelab.report.Reports;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What scripts see as {@code lab}: {@code lab.run(2.s)}, {@code lab.now}, {@code lab.devices},
 * {@code lab.name}, {@code lab.seed}, and devices by name ({@code lab.pc1}).
 */
public final class LabFacade {
    private final Lab lab;
    private final PrintWriter out;
    private final Map<String, DeviceFacade> devices = new LinkedHashMap<>();
    private final Tasks tasks;
    private LinkNotes linkNotes;
    private final HttpLog httpLog = new HttpLog();

    public LabFacade(Lab lab, PrintWriter out) {
        this.lab = lab;
        this.out = out;
        this.tasks = new Tasks(lab);
        for (Map.Entry<String, ? extends Device> e : lab.devices().entrySet())
            devices.put(e.getKey(), facadeFor(e.getValue()));
    }

    private DeviceFacade facadeFor(Device d) {
        if (d instanceof Host h) return new HostFacade(lab.runtime(h.name()), this);
        if (d instanceof LearningSwitch sw) return new SwitchFacade(sw, this);
        if (d instanceof Router r) return new RouterFacade(r, this);
        return new DeviceFacade(d, this);
    }

    public String getName() { return lab.name(); }
    public long getSeed() { return lab.seed(); }
    /** Virtual time since the lab started. */
    public VirtualDuration getNow() { return VirtualDuration.ofNanos(lab.simulator().now()); }
    /** Device facades by name, in lab file order. */
    public Map<String, DeviceFacade> getDevices() { return Collections.unmodifiableMap(devices); }

    /**
     * Advances virtual time by d, running everything that happens meanwhile; inside a task
     * ({@code lab.spawn}) only that task sleeps while the lab goes on.
     */
    public LabFacade run(VirtualDuration d) {
        if (d.nanos() < 0) throw new IllegalArgumentException("lab.run needs a positive duration, got " + d);
        tasks.sleep(d.nanos());
        return this;
    }

    /**
     * Runs body as a task that starts now and may wait on sockets and sleeps in virtual time while the
     * script and other tasks go on: {@code def srv = lab.spawn { def s = l.accept(); s.send(s.read()) }}.
     */
    public ScriptTask spawn(Closure<?> body) { return tasks.spawn(null, body); }

    /** A task with a name (shown when it fails): {@code lab.spawn('server') { ... }}. */
    public ScriptTask spawn(String name, Closure<?> body) { return tasks.spawn(name, body); }

    /** A task that starts at once, on the caller's turn, and runs until its first wait (the console's :sim runs each input so). */
    public ScriptTask startNow(String name, Closure<?> body) { return tasks.startHere(name, body); }

    /** Runs body as a task at lab time t (not before now): {@code lab.at(2.s) { lab.link('pc1:eth0').down() }}. */
    public ScriptTask at(VirtualDuration t, Closure<?> body) {
        if (t.nanos() < lab.simulator().now())
            throw new IllegalArgumentException("lab.at(" + t + ") is in the past: the lab time is " + getNow());
        return tasks.spawnAt(t.nanos(), "lab.at(" + t + ")", body);
    }

    /**
     * Runs action as a task every period of lab time from now on, until the lab closes or the returned
     * ticker is cancelled: {@code def t = lab.every(1.s) { println sw1.macTable.size() }; ...; t.cancel()}.
     */
    public Ticker every(VirtualDuration period, Closure<?> action) {
        if (period.nanos() <= 0) throw new IllegalArgumentException("lab.every needs a positive period, got " + period);
        Ticker ticker = new Ticker("lab.every(" + period + ")");
        Runnable tick = new Runnable() {
            @Override public void run() {
                if (ticker.isCancelled()) return;
                lab.simulator().after(period.nanos(), this);
                tasks.startHere(ticker.name() + " at " + getNow(), action);
            }
        };
        lab.simulator().after(period.nanos(), tick);
        return ticker;
    }

    /**
     * A link by one of its ends ({@code 'pc1:eth0'}, or {@code 'pc1'} for a device with one link), to change
     * while the lab runs: {@code lab.link('pc1:eth0').down()}, {@code .up()}, {@code .set(loss: 5.percent, delay: 20.ms)}.
     */
    public ScriptLink link(String end) {
        List<Link> matches = new ArrayList<>();
        for (Link l : lab.links()) {
            String a = l.a().name(), b = l.b().name();
            if (a.equals(end) || b.equals(end) || a.startsWith(end + ":") || b.startsWith(end + ":")) matches.add(l);
        }
        if (matches.size() != 1) {
            List<String> ends = new ArrayList<>();
            for (Link l : lab.links()) { ends.add(l.a().name()); ends.add(l.b().name()); }
            String s = DidYouMean.suggest(end, ends);
            throw new IllegalArgumentException((matches.isEmpty() ? "no link has an end '" + end + "'" : end + " has " + matches.size()
                    + " links; name the port, e.g. '" + matches.getFirst().a().name() + "'") + (s != null && matches.isEmpty() ? "; did you mean '" + s + "'?" : ""));
        }
        if (linkNotes == null) linkNotes = new LinkNotes(lab.captures());
        return new ScriptLink(matches.getFirst(), linkNotes, out, lab.simulator());
    }

    /**
     * Writes text (UTF-8) to a file named name beside the captures, e.g. a CSV for a plot:
     * {@code lab.save('cwnd.csv', csv)}; returns its path. The name is a plain file name.
     */
    public String save(String name, Object text) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}") || name.endsWith(".pcapng") || name.endsWith(".pcap"))
            throw new IllegalArgumentException("lab.save needs a plain file name such as 'cwnd.csv' (letters, digits, . _ -; not a capture name), got '" + name + "'");
        java.nio.file.Path dir = lab.outDir();
        if (dir == null) throw new IllegalStateException("lab.save: this lab writes no files (it was started without an output directory)");
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve(name), String.valueOf(text));
            out.println("saved " + file);
            out.flush();
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("lab.save " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes report.html beside the captures from the run so far (topology, ladder diagrams, HTTP
     * waterfall, TCP plots, this script's output): {@code lab.report()}; returns its path.
     */
    public String report() {
        java.nio.file.Path dir = lab.outDir();
        if (dir == null) throw new IllegalStateException("lab.report: this lab writes no files (it was started without an output directory)");
        out.flush();
        try {
            String file = Reports.write(lab, lab.captureFiles(), dir).toString();
            out.println("report " + file);
            out.flush();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("lab.report: " + e.getMessage(), e);
        }
    }

    /** The HTTP exchanges the script's hosts made, in order. */
    public HttpLog httpLog() { return httpLog; }

    /** The tasks that have not ended, in start order. */
    public List<ScriptTask> getTasks() { return tasks.live(); }

    /** Ends every task still waiting; the script's end and a console :reset call it. */
    public void endTasks() { tasks.endAll(); }

    /** A bare number is ambiguous; scripts must say the unit. */
    public LabFacade run(Number n) {
        throw new IllegalArgumentException("lab.run needs a unit, e.g. lab.run(" + n + ".s) or lab.run(" + n + ".ms)");
    }

    /** Device by name, with a hint when the name is close to an existing one. */
    public DeviceFacade device(String name) {
        DeviceFacade d = devices.get(name);
        if (d == null) throw new IllegalArgumentException("no device '" + name + "' in lab " + lab.name() + hint(name));
        return d;
    }

    /** Groovy property fallback: {@code lab.pc1}. */
    public Object get(String name) {
        DeviceFacade d = devices.get(name);
        if (d == null) throw new MissingPropertyException(name, LabFacade.class);
        return d;
    }

    String hint(String name) {
        String s = DidYouMean.suggest(name, devices.keySet());
        return (s != null ? "; did you mean '" + s + "'?" : "") + " (devices: " + String.join(", ", devices.keySet()) + ")";
    }

    <T> T await(CompletableFuture<T> f, long timeoutNanos) { return tasks.await(f, timeoutNanos, () -> "the lab call"); }

    /** Waits for f (the script by running the lab, a task by parking); a timeout says what.get() was awaited. */
    <T> T await(CompletableFuture<T> f, long timeoutNanos, java.util.function.Supplier<String> what) { return tasks.await(f, timeoutNanos, what); }

    Tasks tasks() { return tasks; }
    PrintWriter out() { return out; }

    ReportRecorder recorder() { return ReportRecorder.of(lab); }
    Lab lab() { return lab; }

    @Override public String toString() { return "lab " + lab.name() + " at " + getNow(); }
}
