package io.wirelab.console;

import groovy.lang.Binding;
import io.wirelab.devices.Device;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.pcap.Capture;
import io.wirelab.scripting.DeviceFacade;
import io.wirelab.scripting.HostFacade;
import io.wirelab.scripting.LabFacade;
import io.wirelab.scripting.VirtualDuration;
import io.wirelab.scripting.engine.CompileProblem;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.scripting.engine.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One console session over a running lab: Groovy input and {@code :commands}, evaluated on the
 * calling thread, results printed as tables, failures as message + input line. The terminal and
 * piped front ends ({@link ConsoleRepl}) feed it complete inputs; {@link #interrupt()} is the only
 * method another thread may call (Ctrl-C).
 */
public final class Console {
    /** The commands, in the order :help lists them. */
    public static final Map<String, String> COMMANDS = commands();

    private static final Pattern RUN_ARG = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*\\.?\\s*([A-Za-zµ]+)");

    private final Supplier<Lab> labFactory;
    private final Path outDir;
    private final PrintWriter out;
    private final Map<String, Capture> captures = new LinkedHashMap<>();
    private final GroovyEngine engine = new GroovyEngine(GroovyEngine.Mode.CONSOLE);
    private Lab lab;
    private LabFacade facade;
    private int failures;
    private boolean trustLoaded;
    private int resets;
    private final List<Path> sessionFiles = new ArrayList<>();

    /** labFactory builds a fresh, started lab (again on :reset); captures started with :capture go to outDir. */
    public Console(Supplier<Lab> labFactory, Path outDir, PrintWriter out) {
        this.labFactory = labFactory;
        this.outDir = outDir;
        this.out = out;
        start();
    }

    private static Map<String, String> commands() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(":help", "this list");
        m.put(":devices", "the devices: kind, addresses, MAC, ports");
        m.put(":links", "the links: ends, state, bandwidth, delay, loss");
        m.put(":link", "change a link while the lab runs: :link pc1:eth0 down, :link pc1:eth0 up, :link pc1:eth0 loss 5% delay 20ms");
        m.put(":time", "the lab's virtual time");
        m.put(":run", "advance virtual time, e.g. :run 5.s");
        m.put(":capture", "start or stop a pcapng capture: :capture start pc1:eth0, :capture stop pc1:eth0, :capture (list)");
        m.put(":report", "write report.html beside the captures: topology, ladder diagrams, HTTP waterfall, TCP plots of the run so far");
        m.put(":load", "run a Groovy script file in this session, in the sandbox: :load script.groovy");
        m.put(":trust", "run files loaded with :load with your full rights from now on (:trust off: sandbox again)");
        m.put(":reset", "rebuild the lab from its file: time 0, empty tables, variables kept, earlier captures renamed");
        m.put(":quit", "leave the console (also Ctrl-D)");
        return m;
    }

    private void start() {
        lab = labFactory.get();
        facade = engine.attach(lab, out);
    }

    public Lab lab() { return lab; }
    public LabFacade facade() { return facade; }
    public Binding binding() { return engine.binding(); }
    /** How many inputs failed (errors, failed asserts); interrupts do not count. */
    public int failures() { return failures; }

    /** Whether :load runs files with the user's full rights (console --trust, :trust) instead of in the sandbox. */
    public void trustLoadedFiles(boolean trusted) { trustLoaded = trusted; }

    /**
     * Ctrl-C: stops a running lab.run/ping after the current event, or the input's next run if none
     * is running yet (the simulator keeps the request). Ignored at an idle prompt. Safe from any thread.
     */
    public void interrupt() { engine.interrupt(); }

    /** Runs one complete input (Groovy code or a :command). Returns false when the console should exit. */
    public boolean handle(String input) {
        String text = input.strip();
        if (text.isEmpty()) return true;
        try {
            if (text.startsWith(":")) return command(text);
            evaluate(input, "input", true, GroovyEngine.Trust.TRUSTED);
        } finally {
            out.flush();
        }
        return true;
    }

    /** Closes the captures started by the lab file and by :capture; prints the files. */
    public void close() {
        List<Path> files = new ArrayList<>(lab.captureFiles());
        for (Capture c : captures.values()) {
            try {
                c.close();
                files.add(c.file());
            } catch (IOException e) {
                error("closing capture " + c.file() + ": " + e.getMessage(), null, 0);
            }
        }
        captures.clear();
        lab.close();
        if (!files.isEmpty()) {
            out.println("captures:");
            for (Path p : files) out.println("  " + p);
        }
        out.flush();
    }

    // ---- Groovy ----

    private void evaluate(String code, String name, boolean echoResult, GroovyEngine.Trust trust) {
        Outcome outcome = engine.evaluate(code, name, trust);
        if (!(outcome instanceof Outcome.Completed done)) report(outcome, code, name);
        else if (echoResult && done.value() instanceof LabFacade) out.println("lab time " + facade.getNow());
        else if (echoResult && done.value() != null) out.println(prefix(Tables.render(done.value())));
    }

    private static String prefix(String rendered) {
        return rendered.contains("\n") ? rendered : "==> " + rendered;
    }

    /** What went wrong in an input (code, named name) or a command (code null). */
    private void report(Outcome outcome, String code, String name) {
        switch (outcome) {
            case Outcome.Completed done -> { }
            case Outcome.CompileFailed failed -> failed.problems().forEach(p -> compileError(p, code, name));
            case Outcome.Failed failed -> error(failed.message(), code, failed.line(), name);
            case Outcome.Refused refused -> compileError(refused.problem(), code, name);
            case Outcome.Interrupted stopped ->
                    out.println("interrupted at lab time " + facade.getNow() + " (the lab keeps its state; :time, :run or go on)");
        }
    }

    private void compileError(CompileProblem p, String code, String name) {
        error(firstLine(p.message()), code, p.line(), name);
        if (p.hasPosition() && p.column() > 0) {
            String where = name.equals("input") ? "" : name + ":";
            out.println("  " + " ".repeat(where.length() + Integer.toString(p.line()).length() + 3 + p.column() - 1) + "^");
        }
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** "error: message" and, when known, the input line it happened on. */
    private void error(String message, String code, int line) { error(message, code, line, "input"); }

    private void error(String message, String code, int line, String name) {
        failures++;
        out.println("error: " + message);
        if (code != null) {
            String[] lines = code.split("\n", -1);
            String where = name.equals("input") ? "" : name + ":";
            if (line > 0 && line <= lines.length) out.println("  " + where + line + " | " + lines[line - 1]);
            else if (lines.length == 1) out.println("  " + where + "1 | " + lines[0]);
        }
    }

    // ---- commands ----

    private boolean command(String text) {
        String[] words = text.split("\\s+");
        String cmd = words[0];
        String rest = text.substring(cmd.length()).strip();
        switch (cmd) {
            case ":help", ":h", ":?" -> help();
            case ":devices" -> out.println(devices());
            case ":links" -> out.println(links());
            case ":link" -> link(words);
            case ":time" -> out.println("lab time " + facade.getNow() + " (" + lab.simulator().eventsExecuted() + " events run, "
                    + lab.simulator().pendingEvents() + " pending)");
            case ":run" -> run(rest);
            case ":capture" -> capture(words);
            case ":report" -> report();
            case ":load" -> load(rest);
            case ":trust" -> trust(rest);
            case ":reset" -> reset();
            case ":quit", ":q", ":exit" -> { return false; }
            default -> {
                String s = DidYouMean.suggest(cmd, COMMANDS.keySet());
                error("unknown command " + cmd + (s != null ? "; did you mean " + s + "?" : "") + " (:help lists them)", null, 0);
            }
        }
        return true;
    }

    private void help() {
        out.println("Commands:");
        int w = COMMANDS.keySet().stream().mapToInt(String::length).max().orElse(0);
        COMMANDS.forEach((k, v) -> out.println("  " + k + " ".repeat(w - k.length() + 2) + v));
        out.println("Groovy, with one variable per device (" + String.join(", ", facade.getDevices().keySet()) + ") and lab:");
        out.println("  pc1.ping('10.0.0.2', count: 4)   pc1.arp   sw1.macTable   lab.run(5.s)   lab.now");
        out.println("Tab completes device names, methods and properties; Ctrl-C stops a long run; docs/dsl.md has the DSL.");
    }

    private String devices() {
        List<List<String>> rows = new ArrayList<>();
        for (DeviceFacade d : facade.getDevices().values()) {
            Device dev = lab.devices().get(d.getName());
            String addr = d instanceof HostFacade h && h.getCidr() != null ? h.getCidr() : "-";
            String mac = d instanceof HostFacade h && h.getMac() != null ? h.getMac() : "-";
            rows.add(List.of(d.getName(), d.getKind(), addr, mac, String.join(" ", dev.ports().stream().map(p -> shortName(p)).toList())));
        }
        return Tables.table(List.of("NAME", "KIND", "ADDRESS", "MAC", "PORTS"), rows);
    }

    private static String shortName(Port p) {
        String n = p.name();
        int c = n.indexOf(':');
        return (c < 0 ? n : n.substring(c + 1)) + (p.isConnected() ? "" : "(-)");
    }

    private String links() {
        List<List<String>> rows = new ArrayList<>();
        List<LinkSpec> specs = lab.spec().links();
        for (int i = 0; i < lab.links().size(); i++) {
            Link l = lab.links().get(i);
            LinkParams p = l.params(l.a());
            String bw = p.bandwidthBitsPerSecond() == 0 ? "unlimited" : rate(p.bandwidthBitsPerSecond());
            rows.add(List.of(Integer.toString(i + 1), i < specs.size() ? specs.get(i).a().toString() : l.a().name(),
                    i < specs.size() ? specs.get(i).b().toString() : l.b().name(), l.isUp() ? "up" : "down", bw,
                    VirtualDuration.ofNanos(p.delayNanos()).toString(), percent(p.loss())));
        }
        return Tables.table(List.of("#", "A", "B", "STATE", "BANDWIDTH", "DELAY", "LOSS"), rows);
    }

    /** :report: lab.report() (report.html of the run so far beside the captures). */
    private void report() {
        try {
            facade.report();
        } catch (RuntimeException e) {
            error(":report: " + e.getMessage(), null, 0);
        }
    }

    /** :link END down | up | (loss 5% | delay 20ms | jitter 1ms | bandwidth 10Mbps)... */
    private void link(String[] words) {
        try {
            if (words.length < 3) throw new IllegalArgumentException(":link needs an end and a change, e.g. :link pc1:eth0 down");
            var link = facade.link(words[1]);
            if (words.length == 3 && words[2].equals("down")) link.down();
            else if (words.length == 3 && words[2].equals("up")) link.up();
            else {
                if (words.length % 2 != 0) throw new IllegalArgumentException(":link " + words[1] + ": give settings in pairs, e.g. loss 5% delay 20ms");
                Map<String, Object> settings = new LinkedHashMap<>();
                for (int i = 2; i < words.length; i += 2) {
                    String key = words[i], value = words[i + 1];
                    settings.put(key, switch (key) {
                        case "delay", "jitter" -> VirtualDuration.parse(value);
                        case "bandwidth" -> new io.wirelab.scripting.DataRate(io.wirelab.labs.units.Units.parseRate(value));
                        default -> value;
                    });
                }
                link.set(settings);
            }
        } catch (RuntimeException e) {
            error(e.getMessage(), null, 0);
        }
    }

    private static String rate(long bps) {
        if (bps % 1_000_000_000L == 0) return bps / 1_000_000_000L + " Gbit/s";
        if (bps % 1_000_000L == 0) return bps / 1_000_000L + " Mbit/s";
        if (bps % 1_000L == 0) return bps / 1_000L + " kbit/s";
        return bps + " bit/s";
    }

    private static String percent(double share) {
        double pct = share * 100;
        return (pct == Math.rint(pct) ? Long.toString((long) pct) : String.format(Locale.ROOT, "%.2f", pct)) + "%";
    }

    private void run(String arg) {
        Matcher m = RUN_ARG.matcher(arg);
        if (!m.matches()) {
            error(":run needs a duration with a unit, e.g. :run 5.s or :run 200.ms", null, 0);
            return;
        }
        VirtualDuration d;
        try {
            d = VirtualDuration.parse(m.group(1) + m.group(2));
        } catch (RuntimeException e) {
            error(":run " + arg + ": " + e.getMessage(), null, 0);
            return;
        }
        Outcome outcome = engine.call(() -> facade.run(d));
        if (outcome instanceof Outcome.Completed) out.println("lab time " + facade.getNow());
        else report(outcome, null, "input");
    }

    private void capture(String[] words) {
        if (words.length == 1) {
            if (captures.isEmpty() && lab.captures().isEmpty()) out.println("no captures (start one: :capture start pc1:eth0)");
            List<List<String>> rows = new ArrayList<>();
            for (Capture c : lab.captures()) rows.add(List.of(c.ports().toString(), String.valueOf(c.frames()), String.valueOf(c.file()), "lab file"));
            captures.forEach((k, c) -> rows.add(List.of(k, String.valueOf(c.frames()), String.valueOf(c.file()), ":capture")));
            if (!rows.isEmpty()) out.println(Tables.table(List.of("PORT", "FRAMES", "FILE", "STARTED BY"), rows));
            return;
        }
        if (words.length != 3 || !(words[1].equals("start") || words[1].equals("stop"))) {
            error("usage: :capture start PORT | :capture stop PORT (PORT like pc1:eth0)", null, 0);
            return;
        }
        Port port;
        try {
            port = port(words[2]);
        } catch (IllegalArgumentException e) {
            error(e.getMessage(), null, 0);
            return;
        }
        if (words[1].equals("start")) {
            if (captures.containsKey(port.name())) {
                error(port.name() + " is already being captured by :capture", null, 0);
                return;
            }
            try {
                Path file = freeCaptureFile(port);
                Capture c = Capture.toFile(file, Capture.Format.PCAPNG, 262144, "wirelab console, lab " + lab.name()).tap(port);
                captures.put(port.name(), c);
                String base = Capture.fileName(port, Capture.Format.PCAPNG);
                out.println("capturing " + port.name() + " to " + c.file()
                        + (file.getFileName().toString().equals(base) ? "" : " (" + base + " is taken by an earlier or the lab file's capture)"));
            } catch (IOException | RuntimeException e) {
                error("cannot capture " + port.name() + ": " + e.getMessage(), null, 0);
            }
        } else {
            Capture c = captures.remove(port.name());
            if (c == null) {
                error(port.name() + " is not being captured" + (captures.isEmpty() ? "" : " (captured: " + String.join(", ", captures.keySet()) + ")"), null, 0);
                return;
            }
            try {
                c.close();
                out.println("wrote " + c.frames() + " frames to " + c.file());
            } catch (IOException e) {
                error("closing capture " + c.file() + ": " + e.getMessage(), null, 0);
            }
        }
    }

    private Port port(String text) {
        String[] parts = text.split(":", 2);
        Device d = lab.devices().get(parts[0]);
        if (d == null) {
            String s = DidYouMean.suggest(parts[0], lab.devices().keySet());
            throw new IllegalArgumentException("no device '" + parts[0] + "'" + (s != null ? "; did you mean '" + s + "'?" : "")
                    + " (devices: " + String.join(", ", lab.devices().keySet()) + ")");
        }
        List<String> names = d.ports().stream().map(Port::name).toList();
        if (parts.length == 1) {
            for (Port p : d.ports()) if (p.isConnected()) return p;
            throw new IllegalArgumentException(parts[0] + " has no linked port");
        }
        for (Port p : d.ports()) if (p.name().equals(text)) return p;
        String s = DidYouMean.suggest(text, names);
        throw new IllegalArgumentException("no port '" + text + "'" + (s != null ? "; did you mean '" + s + "'?" : "")
                + " (ports: " + String.join(", ", names) + ")");
    }

    private void load(String file) {
        if (file.isEmpty()) {
            error("usage: :load script.groovy", null, 0);
            return;
        }
        Path p = Path.of(file);
        String code;
        try {
            code = Files.readString(p);
        } catch (IOException e) {
            error("cannot read " + file + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), null, 0);
            return;
        }
        evaluate(code, file, false, trustLoaded ? GroovyEngine.Trust.TRUSTED : GroovyEngine.Trust.SANDBOXED);
    }

    /**
     * The file for a :capture of port: pc1-eth0.pcapng, or pc1-eth0-2.pcapng, -3, ... when that name is
     * written by the lab file's capture or was written earlier in this session, so no capture is overwritten.
     */
    private Path freeCaptureFile(Port port) {
        String base = Capture.fileName(port, Capture.Format.PCAPNG);
        String stem = base.substring(0, base.length() - ".pcapng".length());
        List<Path> taken = new ArrayList<>(sessionFiles);
        for (Path f : lab.captureFiles()) taken.add(f.toAbsolutePath().normalize());
        Path file = outDir.resolve(base);
        for (int n = 2; taken.contains(file.toAbsolutePath().normalize()); n++) file = outDir.resolve(stem + "-" + n + ".pcapng");
        sessionFiles.add(file.toAbsolutePath().normalize());
        return file;
    }

    /**
     * Closes every capture and rebuilds the lab. The lab file's captures of the new lab reuse their file
     * names, so the earlier ones are renamed first (pc1-eth0.pcapng to pc1-eth0.reset-1.pcapng) and kept.
     */
    private void reset() {
        for (Capture c : captures.values()) {
            try {
                c.close();
            } catch (IOException e) {
                error("closing capture " + c.file() + ": " + e.getMessage(), null, 0);
            }
        }
        captures.clear();
        List<Path> earlier = lab.captureFiles();
        lab.close();
        resets++;
        List<String> kept = new ArrayList<>();
        for (Path f : earlier) {
            String name = f.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path to = f.resolveSibling(name.substring(0, dot) + ".reset-" + resets + name.substring(dot));
            try {
                Files.move(f, to, StandardCopyOption.REPLACE_EXISTING);
                kept.add(to.getFileName().toString());
            } catch (IOException e) {
                error("keeping capture " + f + ": " + e.getMessage() + " (it will be overwritten)", null, 0);
            }
        }
        start();
        out.println("lab " + lab.name() + " rebuilt, lab time " + facade.getNow()
                + (kept.isEmpty() ? "" : "; the earlier lab's captures are kept as " + String.join(", ", kept))
                + (sessionFiles.isEmpty() ? "" : "; :capture files stay as they are"));
    }

    private void trust(String arg) {
        if (!arg.isEmpty() && !arg.equals("on") && !arg.equals("off")) {
            error("usage: :trust (or :trust on) | :trust off", null, 0);
            return;
        }
        trustLoaded = !arg.equals("off");
        out.println(trustLoaded ? "files loaded with :load now run with your full rights (only load files you wrote)"
                : "files loaded with :load run in the sandbox again");
    }
}
