package io.wirelab.console;

import groovy.lang.Binding;
import groovy.lang.Closure;
import io.wirelab.devices.Device;
import io.wirelab.labs.live.Pace;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.link.Port;
import io.wirelab.pcap.Capture;
import io.wirelab.scripting.DeviceFacade;
import io.wirelab.scripting.HostFacade;
import io.wirelab.scripting.LabFacade;
import io.wirelab.scripting.SwitchFacade;
import io.wirelab.scripting.VirtualDuration;
import io.wirelab.scripting.engine.CompileProblem;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.scripting.engine.Outcome;
import io.wirelab.sim.WallClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
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
    private static final Pattern RUN_ARG = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*\\.?\\s*([A-Za-zµ]+)");

    private final Supplier<Lab> labFactory;
    private final Path outDir;
    private final PrintWriter terminal;
    private final PrintWriter out;
    private boolean muted;
    private final Map<String, Capture> captures = new LinkedHashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private final List<String> history = new ArrayList<>();
    private GroovyEngine engine = new GroovyEngine(GroovyEngine.Mode.CONSOLE);
    private Lab lab;
    private LabFacade facade;
    private int failures;
    private boolean trustLoaded;
    private boolean quit;
    private int resets;
    private boolean trustedAtStart;
    private boolean replaying;
    private final List<Path> sessionFiles = new ArrayList<>();
    private final SimMode sim = new SimMode(this);
    private final ConsoleLive live;
    private final ConsolePace pace;

    /** labFactory builds a fresh, started lab (again on :reset); captures started with :capture go to outDir. */
    public Console(Supplier<Lab> labFactory, Path outDir, PrintWriter out) { this(labFactory, outDir, out, WallClock.SYSTEM); }

    /** As above, with :pace timed by clock. */
    Console(Supplier<Lab> labFactory, Path outDir, PrintWriter out, WallClock clock) {
        this.labFactory = labFactory;
        this.outDir = outDir;
        this.terminal = out;
        this.out = new PrintWriter(new MutableWriter(), true);
        this.live = new ConsoleLive(this.out, outDir);
        this.pace = new ConsolePace(clock);
        commandTable();
        start();
    }

    /** The commands, in the order :help lists them: one line each, so that a new command is one more line here. */
    private void commandTable() {
        command(":help", List.of(":h", ":?"), "this list", Command.Replay.SKIPPED, rest -> help());
        command(":devices", List.of(), "the devices: kind, addresses, MAC, ports", Command.Replay.SKIPPED, rest -> out.println(LabViews.devices(lab, facade)));
        command(":links", List.of(), "the links: ends, state, bandwidth, delay, loss", Command.Replay.SKIPPED, rest -> out.println(LabViews.links(lab)));
        command(":net", List.of(), "each device and what its ports are wired to (as Mininet's net)", Command.Replay.SKIPPED, rest -> out.println(LabViews.net(lab)));
        command(":ip", List.of(), "a host's or router's addresses and routes: :ip pc1", Command.Replay.SKIPPED, this::ip);
        command(":link", List.of(), "change a link while the lab runs: :link pc1:eth0 down, :link pc1:eth0 up, :link pc1:eth0 loss 5% delay 20ms",
                Command.Replay.REPLAYED, rest -> link(words(":link", rest)));
        command(":pingall", List.of(), "every host pings every other host once (as Mininet's pingall)", Command.Replay.REPLAYED, rest -> pingAll());
        command(":time", List.of(), "the lab's virtual time", Command.Replay.SKIPPED, rest -> time());
        command(":pace", List.of(), "how fast lab time passes as inputs run the lab: :pace 0.1x (slow motion, to watch :live), :pace realtime, :pace fast (default)",
                Command.Replay.SKIPPED, this::pace);
        command(":run", List.of(), "advance virtual time, e.g. :run 5.s (in :sim, :run alone runs until your inputs are done and leaves it)", Command.Replay.REPLAYED, this::run);
        command(":capture", List.of(), "start or stop a pcapng capture: :capture start pc1:eth0, :capture stop pc1:eth0, :capture (list)",
                Command.Replay.REPLAYED, rest -> capture(words(":capture", rest)));
        command(":sim", List.of(), "simulation mode: the lab moves one frame event at a time (:sim off leaves it)", Command.Replay.REPLAYED, sim::sim);
        command(":step", List.of(":s"), "in :sim, run to the next frame event (:step pc1: the next one at pc1)", Command.Replay.SKIPPED, sim::step);
        command(":next", List.of(), "in :sim, run N frame events: :next 10", Command.Replay.SKIPPED, sim::next);
        command(":until", List.of(), "in :sim, run to a lab time: :until 2.5.s", Command.Replay.SKIPPED, sim::until);
        command(":back", List.of(), "go back N events (default 1) by replaying the session from the lab's start: :back 5", Command.Replay.SKIPPED, sim::back);
        command(":events", List.of(), "the event list: #, time, last device, at device, type, info (:events 50, :events all)", Command.Replay.SKIPPED, sim::events);
        command(":filter", List.of(), "the event types shown and stepped to: :filter tcp http, :filter all", Command.Replay.SKIPPED, sim::filter);
        command(":inspect", List.of(), "one event layer by layer (Ethernet, IPv4, TCP, HTTP, ...): :inspect 42", Command.Replay.SKIPPED, sim::inspect);
        command(":live", List.of(), "stream a port live to Wireshark: :live pc1:eth0 [FIFO or file], :live stop pc1:eth0, :live (list)",
                Command.Replay.SKIPPED, rest -> { if (!live.command(lab, words(":live", rest))) failures++; });
        command(":report", List.of(), "write report.html beside the captures: topology, ladder diagrams, HTTP waterfall, TCP plots of the run so far",
                Command.Replay.SKIPPED, rest -> report());
        command(":vars", List.of(), "your variables and methods, with their types and values", Command.Replay.SKIPPED, rest -> vars());
        command(":history", List.of(), "the inputs of this session, numbered", Command.Replay.SKIPPED, rest -> history());
        command(":save", List.of(), "write this session's inputs as a lab script: :save session.groovy", Command.Replay.SKIPPED, this::save);
        command(":load", List.of(), "run a Groovy script file in this session, in the sandbox: :load script.groovy", Command.Replay.REPLAYED, this::load);
        command(":trust", List.of(), "run files loaded with :load with your full rights from now on (:trust off: sandbox again)",
                Command.Replay.REPLAYED, this::trust);
        command(":reset", List.of(), "rebuild the lab from its file: time 0, empty tables, variables kept, earlier captures renamed",
                Command.Replay.SKIPPED, rest -> reset());
        command(":quit", List.of(":q", ":exit"), "leave the console (also Ctrl-D)", Command.Replay.SKIPPED, rest -> quit = true);
    }

    /** Adds a :command; the order of calls is the order :help lists them. */
    private void command(String name, List<String> aliases, String help, Command.Replay replay, Consumer<String> action) {
        commands.add(new Command(name, aliases, help, replay, action));
    }

    /** The :commands with their help, in the order :help lists them. */
    public Map<String, String> commands() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Command c : commands) m.put(c.name(), c.help());
        return m;
    }

    /** The command's name followed by the words of the rest of its line. */
    private static String[] words(String name, String rest) {
        return rest.isEmpty() ? new String[] {name} : (name + " " + rest).split("\\s+");
    }

    /** Where everything the session prints goes: the terminal, or nowhere while :back replays. */
    private final class MutableWriter extends Writer {
        @Override public void write(char[] buf, int off, int len) { if (!muted) terminal.write(buf, off, len); }
        @Override public void flush() { if (!muted) terminal.flush(); }
        @Override public void close() { }
    }

    private void start() {
        lab = labFactory.get();
        facade = engine.attach(lab, out);
        sim.attach(lab);
        pace.applyTo(lab);
    }

    // ---- for SimMode ----

    PrintWriter out() { return out; }
    GroovyEngine engine() { return engine; }
    void error(String message) { error(message, null, 0); }
    void report(Outcome outcome) { report(outcome, null, "input"); }
    void reportInput(Outcome outcome, String code) { report(outcome, code, "input"); }

    /** While muted the session prints nothing (:back's replay). */
    void mute(boolean on) {
        out.flush();
        muted = on;
    }

    /** Closes the captures the session opened (:capture) and returns the files that closed cleanly. */
    private List<Path> closeSessionCaptures() {
        List<Path> closed = new ArrayList<>();
        for (Capture c : captures.values()) {
            try {
                c.close();
                closed.add(c.file());
            } catch (IOException e) {
                error("closing capture " + c.file() + ": " + e.getMessage(), null, 0);
            }
        }
        captures.clear();
        return closed;
    }

    /** Ends the lab's tasks without printing anything for them, then closes the lab. */
    private void endLab() {
        sim.rebuilding(true);
        try {
            facade.endTasks();
        } finally {
            sim.rebuilding(false);
        }
        lab.close();
    }

    /** A fresh lab and fresh variables, as at the session's start; the captures of the lab before are closed and overwritten. */
    void rebuild() {
        closeSessionCaptures();
        sessionFiles.clear();
        endLab();
        engine = new GroovyEngine(GroovyEngine.Mode.CONSOLE);
        trustLoaded = trustedAtStart;
        start();
        ConsolePace.unpace(lab);
        live.followReplay(lab);
    }

    /** After :back's replay: the lab runs at the session's pace again. */
    void replayDone() { pace.applyTo(lab); }

    /** Runs an input again during :back's replay: not recorded, its failures not counted twice. */
    void replay(String input) {
        int failed = failures;
        replaying = true;
        try {
            handle(input);
        } finally {
            replaying = false;
            failures = failed;
            history.removeLast();
        }
    }

    /** A duration the way :run and :until take it: 5.s, 200ms, 2.5 s; null if it is not one. */
    static VirtualDuration duration(String arg) {
        Matcher m = RUN_ARG.matcher(arg);
        if (!m.matches()) return null;
        try {
            return VirtualDuration.parse(m.group(1) + m.group(2));
        } catch (RuntimeException e) {
            return null;
        }
    }

    public Lab lab() { return lab; }
    public LabFacade facade() { return facade; }
    public Binding binding() { return engine.binding(); }
    /** The :live streams. */
    public ConsoleLive live() { return live; }
    /** How many inputs failed (errors, failed asserts); interrupts do not count. */
    public int failures() { return failures; }

    /**
     * The pace lab time passes at while inputs run the lab (console --pace, :pace); IllegalArgumentException
     * when the lab cannot take it (a real-time lab takes only realtime).
     */
    public void pace(Pace p) { pace.set(p, lab); }

    /** Whether :load runs files with the user's full rights (console --trust, :trust) instead of in the sandbox. */
    public void trustLoadedFiles(boolean trusted) {
        trustLoaded = trusted;
        trustedAtStart = trusted;
    }

    /**
     * Ctrl-C: stops a running lab.run/ping after the current event, or the input's next run if none
     * is running yet (the simulator keeps the request). Ignored at an idle prompt. Safe from any thread.
     */
    public void interrupt() { engine.interrupt(); }

    /** Runs one complete input (Groovy code or a :command). Returns false when the console should exit. */
    public boolean handle(String input) {
        String text = input.strip();
        if (text.isEmpty()) return true;
        history.add(input.stripTrailing());
        int eventsBefore = sim.eventCount();
        long nanosBefore = lab.simulator().now();
        try {
            if (text.startsWith(":")) return command(text);
            if (sim.isOn()) sim.spawn(input);
            else evaluate(input, "input", true, GroovyEngine.Trust.TRUSTED);
        } finally {
            if (!replaying && isReplayed(text)) sim.typed(input, eventsBefore, nanosBefore);
            out.flush();
        }
        return true;
    }

    /** Closes the captures started by the lab file and by :capture; prints the files. */
    public void close() {
        List<Path> files = new ArrayList<>(lab.captureFiles());
        files.addAll(closeSessionCaptures());
        live.close();
        endLab();
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
        else if (echoResult && done.value() instanceof LabFacade) out.println("lab time " + now());
        else if (echoResult && done.value() != null) out.println(prefix(Tables.render(done.value())));
    }

    static String prefix(String rendered) {
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
                    out.println("interrupted at lab time " + now() + " (the lab keeps its state; :time, :run or go on)");
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

    /** Whether :back must replay this input: Groovy, and the commands that change the lab or the session. */
    private boolean isReplayed(String text) {
        if (!text.startsWith(":")) return true;
        Command c = find(text.split("\\s+", 2)[0]);
        return c != null && c.replay() == Command.Replay.REPLAYED;
    }

    private boolean command(String text) {
        String cmd = text.split("\\s+", 2)[0];
        String rest = text.substring(cmd.length()).strip();
        Command c = find(cmd);
        if (c == null) {
            String s = DidYouMean.suggest(cmd, commands().keySet());
            error("unknown command " + cmd + (s != null ? "; did you mean " + s + "?" : "") + " (:help lists them)", null, 0);
            return true;
        }
        c.action().accept(rest);
        return !quit;
    }

    private Command find(String word) {
        for (Command c : commands) if (c.answers(word)) return c;
        return null;
    }

    private void help() {
        out.println("Commands:");
        int w = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Command c : commands) out.println("  " + c.name() + " ".repeat(w - c.name().length() + 2) + c.help());
        out.println("Groovy, with one variable per device (" + String.join(", ", facade.getDevices().keySet()) + ") and lab:");
        out.println("  " + String.join("   ", examples()));
        out.println("Tab completes device names, methods and properties; Ctrl-C stops a long run; docs/dsl.md has the DSL.");
    }

    /** Example inputs that work in this lab: its first host pings another (after DHCP if it has no address yet), fetches a page, its tables. */
    private List<String> examples() {
        List<HostFacade> hosts = new ArrayList<>();
        String sw = null;
        for (DeviceFacade d : facade.getDevices().values()) {
            if (d instanceof HostFacade h) hosts.add(h);
            if (d instanceof SwitchFacade && sw == null) sw = d.getName();
        }
        List<String> out = new ArrayList<>();
        if (!hosts.isEmpty()) {
            HostFacade client = hosts.getFirst();
            String c = client.getName();
            if (client.getIp() == null && client.getDhcpClient() != null) out.add(c + ".dhcp()");
            hosts.stream().filter(h -> h != client && h.getIp() != null).findFirst()
                    .ifPresent(h -> out.add(c + ".ping('" + h.getIp() + "', count: 4)"));
            hosts.stream().filter(h -> h != client && h.getIp() != null && h.getWebServer() != null).findFirst()
                    .ifPresent(h -> out.add(c + ".http.get('http://" + h.getIp() + "/')"));
            out.add(c + ".arp");
        }
        if (sw != null) out.add(sw + ".macTable");
        out.add("lab.run(5.s)");
        out.add("lab.now");
        return out;
    }

    private void time() {
        out.println("lab time " + now() + " (" + lab.simulator().eventsExecuted() + " events run, " + lab.simulator().pendingEvents() + " pending)");
    }

    /** :pace PACE sets how fast lab time passes; :pace alone says what it is. */
    private void pace(String arg) {
        try {
            if (!arg.isEmpty()) pace.set(Pace.parse(arg), lab);
            out.println(pace.describe());
        } catch (IllegalArgumentException e) {
            error(":pace: " + e.getMessage(), null, 0);
        }
    }

    /** The lab time with every digit: it is a position, not a measurement. */
    private String now() { return facade.getNow().exact(); }

    private void ip(String device) {
        if (device.isEmpty()) {
            error("usage: :ip DEVICE, e.g. :ip " + facade.getDevices().keySet().iterator().next(), null, 0);
            return;
        }
        try {
            out.println(LabViews.ip(facade, device));
        } catch (RuntimeException e) {
            error(e.getMessage(), null, 0);
        }
    }

    /** Each host pings each other host once, quietly; prints who reached whom, then the share dropped. */
    private void pingAll() {
        List<HostFacade> hosts = new ArrayList<>();
        for (DeviceFacade d : facade.getDevices().values()) if (d instanceof HostFacade h && h.getIp() != null) hosts.add(h);
        if (hosts.size() < 2) {
            out.println("fewer than two hosts with an address: nothing to ping");
            return;
        }
        int[] sent = {0}, received = {0};
        out.println("*** Ping: testing ping reachability");
        Outcome outcome = engine.call(() -> {
            for (HostFacade from : hosts) {
                StringBuilder line = new StringBuilder(from.getName() + " ->");
                for (HostFacade to : hosts) {
                    if (to == from) continue;
                    boolean ok = from.ping(Map.of("count", 1, "quiet", true), to.getIp()).received() > 0;
                    sent[0]++;
                    if (ok) received[0]++;
                    line.append(' ').append(ok ? to.getName() : "X");
                }
                out.println(line);
            }
            return null;
        });
        if (!(outcome instanceof Outcome.Completed)) {
            report(outcome, null, "input");
            return;
        }
        out.println("*** Results: " + (sent[0] - received[0]) * 100 / sent[0] + "% dropped (" + received[0] + "/" + sent[0] + " received)");
    }

    /** Your variables and methods (not the devices and lab): name, type, value on one line. */
    private void vars() {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) engine.binding().getVariables()).entrySet()) {
            String name = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (name.equals("lab") || name.equals("out") || facade.getDevices().containsKey(name)) continue;
            String type = v == null ? "-" : v instanceof Closure<?> ? "method" : v.getClass().getSimpleName();
            String value = v instanceof Closure<?> cl
                    ? name + "(" + String.join(", ", Arrays.stream(cl.getParameterTypes()).map(Class::getSimpleName).toList()) + ")"
                    : oneLine(Tables.render(v));
            rows.add(List.of(name, type, value));
        }
        out.println(rows.isEmpty() ? "no variables yet (def x = 1, int y = 2, def f(a) { ... })" : Tables.table(List.of("NAME", "TYPE", "VALUE"), rows));
    }

    private static String oneLine(String text) {
        String t = text.replaceAll("\\s+", " ");
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }

    private void history() {
        int w = Integer.toString(history.size()).length();
        for (int i = 0; i < history.size(); i++) {
            String n = Integer.toString(i + 1);
            out.println(" ".repeat(w - n.length()) + n + "  " + history.get(i).replace("\n", "\n" + " ".repeat(w + 2)));
        }
    }

    /** Writes the inputs before it as a lab script: Groovy as typed, :run and :link up/down as DSL calls, other commands as comments. */
    private void save(String file) {
        if (file.isEmpty()) {
            error("usage: :save session.groovy", null, 0);
            return;
        }
        List<String> inputs = history.subList(0, history.size() - 1);
        StringBuilder script = new StringBuilder("// wirelab console session on lab " + lab.name() + " (run it: wirelab run LAB --script FILE)\n");
        for (String input : inputs) script.append(asScript(input)).append('\n');
        Path p = Path.of(file);
        try {
            Files.writeString(p, script);
            out.println("saved " + inputs.size() + " inputs to " + p);
        } catch (IOException e) {
            error("cannot write " + file + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), null, 0);
        }
    }

    private static String asScript(String input) {
        String t = input.strip();
        if (!t.startsWith(":")) return input;
        String[] w = t.split("\\s+");
        Matcher m = RUN_ARG.matcher(t.substring(w[0].length()).strip());
        if (w[0].equals(":run") && m.matches()) return "lab.run(" + m.group(1) + "." + m.group(2) + ")";
        if (w[0].equals(":link") && w.length == 3 && (w[2].equals("down") || w[2].equals("up"))) return "lab.link('" + w[1] + "')." + w[2] + "()";
        return "// " + t;
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

    private void run(String arg) {
        if (arg.isEmpty() && sim.isOn()) {
            sim.runToEnd();
            return;
        }
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
        if (outcome instanceof Outcome.Completed) out.println("lab time " + now());
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
        sim.forgetInputs();
        closeSessionCaptures();
        List<Path> earlier = lab.captureFiles();
        endLab();
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
        live.follow(lab);
        out.println("lab " + lab.name() + " rebuilt, lab time " + now()
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
