package io.wirelab.console;

import groovy.lang.Binding;
import io.wirelab.labs.live.Pace;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.scripting.DeviceFacade;
import io.wirelab.scripting.HostFacade;
import io.wirelab.scripting.LabFacade;
import io.wirelab.scripting.SwitchFacade;
import io.wirelab.scripting.engine.CompileProblem;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.scripting.engine.Outcome;
import io.wirelab.sim.WallClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One console session over a running lab: Groovy input and {@code :commands}, evaluated on the
 * calling thread, results printed as tables, failures as message + input line. The terminal and
 * piped front ends ({@link ConsoleRepl}) feed it complete inputs; {@link #interrupt()} is the only
 * method another thread may call (Ctrl-C).
 */
public final class Console {
    private final Supplier<Lab> labFactory;
    private final PrintWriter terminal;
    private final PrintWriter out;
    private boolean muted;
    private final List<Command> commands = new ArrayList<>();
    private GroovyEngine engine = new GroovyEngine(GroovyEngine.Mode.CONSOLE);
    private Lab lab;
    private LabFacade facade;
    private int failures;
    private boolean trustLoaded;
    private boolean quit;
    private boolean trustedAtStart;
    private boolean replaying;
    private final SimMode sim = new SimMode(this);
    private final LabCommands labCommands = new LabCommands(this, sim);
    private final SessionCommands session = new SessionCommands(this);
    private final ConsoleCaptures captures;
    private final ConsoleLive live;
    private final ConsolePace pace;

    /** labFactory builds a fresh, started lab (again on :reset); captures started with :capture go to outDir. */
    public Console(Supplier<Lab> labFactory, Path outDir, PrintWriter out) { this(labFactory, outDir, out, WallClock.SYSTEM); }

    /** As above, with :pace timed by clock. */
    Console(Supplier<Lab> labFactory, Path outDir, PrintWriter out, WallClock clock) {
        this.labFactory = labFactory;
        this.terminal = out;
        this.out = new PrintWriter(new MutableWriter(), true);
        this.live = new ConsoleLive(this.out, outDir);
        this.captures = new ConsoleCaptures(this, outDir);
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
        command(":ip", List.of(), "a host's or router's addresses and routes: :ip pc1", Command.Replay.SKIPPED, labCommands::ip);
        command(":link", List.of(), "change a link while the lab runs: :link pc1:eth0 down, :link pc1:eth0 up, :link pc1:eth0 loss 5% delay 20ms",
                Command.Replay.REPLAYED, rest -> labCommands.link(words(":link", rest)));
        command(":pingall", List.of(), "every host pings every other host once (as Mininet's pingall)", Command.Replay.REPLAYED, rest -> labCommands.pingAll());
        command(":time", List.of(), "the lab's virtual time", Command.Replay.SKIPPED, rest -> time());
        command(":pace", List.of(), "how fast lab time passes as inputs run the lab: :pace 0.1x (slow motion, to watch :live), :pace realtime, :pace fast (default)",
                Command.Replay.SKIPPED, this::pace);
        command(":run", List.of(), "advance virtual time, e.g. :run 5.s (in :sim, :run alone runs until your inputs are done and leaves it)", Command.Replay.REPLAYED, labCommands::run);
        command(":capture", List.of(), "start or stop a pcapng capture: :capture start pc1:eth0, :capture stop pc1:eth0, :capture (list)",
                Command.Replay.REPLAYED, rest -> captures.command(words(":capture", rest)));
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
        command(":vars", List.of(), "your variables and methods, with their types and values", Command.Replay.SKIPPED, rest -> session.vars());
        command(":history", List.of(), "the inputs of this session, numbered", Command.Replay.SKIPPED, rest -> session.history());
        command(":save", List.of(), "write this session's inputs as a lab script: :save session.groovy", Command.Replay.SKIPPED, session::save);
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

    // ---- for SimMode and the other command groups (LabCommands, ConsoleCaptures, SessionCommands) ----

    PrintWriter out() { return out; }
    GroovyEngine engine() { return engine; }
    void error(String message) { error(message, null, 0); }
    void report(Outcome outcome) { report(outcome, null, "input"); }
    void reportInput(Outcome outcome, String code) { report(outcome, code, "input"); }
    /** The lab time with every digit: it is a position, not a measurement. */
    String now() { return facade.getNow().exact(); }

    /** While muted the session prints nothing (:back's replay). */
    void mute(boolean on) {
        out.flush();
        muted = on;
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
        captures.closeAndForget();
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
            session.forgetLast();
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
        session.record(input);
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
        files.addAll(captures.close());
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

    /** :report: lab.report() (report.html of the run so far beside the captures). */
    private void report() {
        try {
            facade.report();
        } catch (RuntimeException e) {
            error(":report: " + e.getMessage(), null, 0);
        }
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
     * Closes every capture and rebuilds the lab. The lab file's captures of the new lab reuse their file
     * names, so the earlier ones are renamed first (pc1-eth0.pcapng to pc1-eth0.reset-1.pcapng) and kept.
     */
    private void reset() {
        sim.forgetInputs();
        captures.close();
        List<Path> earlier = lab.captureFiles();
        endLab();
        List<String> kept = captures.keepForReset(earlier);
        start();
        live.follow(lab);
        out.println("lab " + lab.name() + " rebuilt, lab time " + now()
                + (kept.isEmpty() ? "" : "; the earlier lab's captures are kept as " + String.join(", ", kept))
                + (captures.wroteFiles() ? "; :capture files stay as they are" : ""));
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
