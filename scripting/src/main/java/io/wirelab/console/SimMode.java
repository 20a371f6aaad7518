package io.wirelab.console;

import groovy.lang.Closure;
import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.ScriptTask;
import io.wirelab.scripting.VirtualDuration;
import io.wirelab.scripting.engine.Outcome;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.PacketPrinter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The console's simulation mode, as Packet Tracer's: the lab advances one frame event at a time
 * ({@code :step}, {@code :step pc1}, {@code :next 10}, {@code :until 2.5.s}), shows them as an event
 * list ({@code :events}, {@code :filter}), decodes one layer by layer ({@code :inspect 42}), and goes
 * back ({@code :back}, {@code :back 5}) by rebuilding the lab from its file and seed and replaying the
 * session's inputs, each at the lab time and event it was typed at, with output muted. In this mode
 * Groovy input runs as a lab task: it starts at once and goes on as you step.
 */
final class SimMode {
    /** How far one :step looks for the next event before it gives up (lab time). */
    static final long STEP_HORIZON_NANOS = 600 * SimTime.SECOND;
    private static final int LIST_ROWS = 20;
    private static final int INFO_WIDTH = 110;
    /** The MAC addresses and "IPv4" PacketPrinter starts an IPv4 line with: the list's LAST and AT columns say where the frame went. */
    private static final java.util.regex.Pattern ETHERNET = java.util.regex.Pattern.compile("^[0-9a-f:]{17} > [0-9a-f:]{17} (IPv4 )?");

    /** An input that changed the lab or the session, at the event count and lab time it was typed, and the event count after it. */
    record Typed(String input, int events, long nanos, int eventsAfter) {}

    private final Console console;
    private FrameEvents events;
    private boolean on;
    private Set<FrameLayers.Type> shown = EnumSet.allOf(FrameLayers.Type.class);
    private final List<Typed> log = new ArrayList<>();
    private int inputs;
    private int starting;
    private boolean rebuilding;

    SimMode(Console console) { this.console = console; }

    /** A new lab (start, :reset, :back): its events are recorded from its first frame. */
    void attach(Lab lab) { events = new FrameEvents(lab); }

    boolean isOn() { return on; }
    int eventCount() { return events.count(); }
    /** While the lab is rebuilt, the tasks of the inputs end without printing anything. */
    void rebuilding(boolean on) { rebuilding = on; }

    /** Notes an input that :back must replay, with where it was typed. */
    void typed(String input, int eventsBefore, long nanosBefore) {
        log.add(new Typed(input, eventsBefore, nanosBefore, events.count()));
    }

    /** :reset starts a new lab whose events start again at 1: earlier inputs cannot be replayed on it. */
    void forgetInputs() { log.clear(); }

    // ---- commands ----

    void sim(String arg) {
        if (arg.equals("off")) {
            on = false;
            console.out().println("simulation mode off: input runs the lab again until it is done");
            return;
        }
        if (!arg.isEmpty()) {
            console.error("usage: :sim (or :sim off)");
            return;
        }
        on = true;
        console.out().println("simulation mode at event " + events.count() + ", lab time " + time(console.lab().simulator().now())
                + ": input starts and waits for :step (next frame event), :step pc1, :next N, :until 2.5.s, :run (to the end);"
                + " :events, :filter tcp http, :inspect N, :back N");
    }

    void step(String arg) {
        if (!requireOn(":step")) return;
        if (arg.isEmpty()) {
            advance(1, e -> true);
            return;
        }
        if (!console.lab().devices().containsKey(arg)) {
            console.error("no device '" + arg + "' (devices: " + String.join(", ", console.lab().devices().keySet()) + ")");
            return;
        }
        advance(1, e -> e.toDevice().equals(arg));
    }

    void next(String arg) {
        if (!requireOn(":next")) return;
        int n = count(arg.isEmpty() ? "1" : arg, ":next N, e.g. :next 10");
        if (n > 0) advance(n, e -> true);
    }

    void until(String arg) {
        if (!requireOn(":until")) return;
        VirtualDuration at = LabCommands.duration(arg);
        if (at == null) {
            console.error(":until needs a lab time with a unit, e.g. :until 2.5.s");
            return;
        }
        Simulator sim = console.lab().simulator();
        if (at.nanos() < sim.now()) {
            console.error(":until " + at + " is in the past: the lab time is " + time(sim.now()));
            return;
        }
        int before = events.count();
        Outcome o = console.engine().call(() -> sim.runUntil(at.nanos()));
        printEvents(before + 1, events.count(), 30);
        if (!(o instanceof Outcome.Completed)) console.report(o);
        else console.out().println("lab time " + time(sim.now()) + ", event " + events.count());
    }

    /** :run without a duration in simulation mode: leave it and run until the inputs' tasks end (or the lab is idle). */
    void runToEnd() {
        on = false;
        Simulator sim = console.lab().simulator();
        int before = events.count();
        Outcome o = console.engine().call(() -> sim.runUntil(() -> console.facade().getTasks().isEmpty(), STEP_HORIZON_NANOS));
        console.out().println("simulation mode off; " + (events.count() - before) + " more events, now event " + events.count()
                + " at lab time " + time(sim.now()) + (console.facade().getTasks().isEmpty() ? "" : "; tasks still running: " + console.facade().getTasks()));
        if (!(o instanceof Outcome.Completed)) console.report(o);
    }

    void events(String arg) {
        int last = events.count();
        List<Integer> visible = visible(1, last);
        int rows = arg.equals("all") ? visible.size() : arg.isEmpty() ? LIST_ROWS : count(arg, ":events, :events 50 or :events all");
        if (rows <= 0 && !arg.isEmpty()) return;
        if (visible.isEmpty()) {
            console.out().println("no events" + (last > 0 ? " of the types shown (" + filterText() + "); :filter all" : " yet: :step"));
            return;
        }
        List<Integer> tail = visible.subList(Math.max(0, visible.size() - rows), visible.size());
        if (tail.size() < visible.size()) console.out().println("(" + (visible.size() - tail.size()) + " earlier events; :events all)");
        console.out().println(table(tail));
    }

    void filter(String arg) {
        if (arg.isEmpty()) {
            console.out().println("showing " + filterText() + " (:filter tcp http, :filter all)");
            return;
        }
        Set<FrameLayers.Type> types = EnumSet.noneOf(FrameLayers.Type.class);
        for (String w : arg.split("[\\s,]+")) {
            if (w.equalsIgnoreCase("all")) {
                types = EnumSet.allOf(FrameLayers.Type.class);
                continue;
            }
            try {
                types.add(FrameLayers.Type.valueOf(w.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                console.error("no event type '" + w + "' (types: all, " + String.join(", ",
                        EnumSet.allOf(FrameLayers.Type.class).stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList()) + ")");
                return;
            }
        }
        shown = types;
        console.out().println("showing " + filterText());
    }

    void inspect(String arg) {
        int n = count(arg, ":inspect N, N an event number from :events");
        if (n <= 0) return;
        if (n > events.count()) {
            console.error("no event " + n + " (events 1.." + events.count() + ")");
            return;
        }
        FrameEvents.Event e = events.get(n);
        console.out().println("event " + n + " at " + time(e.atNanos()) + ": " + e.fromPort() + " -> " + e.toPort() + ", " + FrameLayers.type(e.frame().bytes()));
        console.out().println(FrameLayers.inspect(e.frame().bytes()));
    }

    /** :back N: to the N-th earlier event shown (1: the one before the latest), by replay from the lab's start. */
    void back(String arg) {
        int n = count(arg.isEmpty() ? "1" : arg, ":back or :back N (N events back)");
        if (n <= 0) return;
        List<Integer> visible = visible(1, events.count());
        int target = visible.size() - 1 - n >= 0 ? visible.get(visible.size() - 1 - n) : 0;
        long targetNanos = target == 0 ? 0 : events.get(target).atNanos();
        List<Typed> keep = new ArrayList<>();
        for (Typed t : log) {
            if (t.events() > target || (t.events() == target && t.nanos() > targetNanos)) break;
            if (t.eventsAfter() > target) {
                console.error("event " + target + " happened inside '" + firstLine(t.input()) + "', which ran the lab outside :sim;"
                        + " :back reaches events from " + t.eventsAfter() + " on");
                return;
            }
            keep.add(t);
        }
        replay(keep, target);
        console.out().println("back at event " + target + ", lab time " + time(console.lab().simulator().now()) + " (replayed "
                + keep.size() + (keep.size() == 1 ? " input" : " inputs") + " from the lab's start)");
        if (target > 0) console.out().println(table(List.of(target)));
    }

    // ---- stepping ----

    /** Runs until n more events that are shown and match at have happened; prints them. */
    private void advance(int n, Predicate<FrameEvents.Event> at) {
        Simulator sim = console.lab().simulator();
        int before = events.count();
        int[] found = {0}, checked = {before};
        long horizon = sim.now() + STEP_HORIZON_NANOS;
        Outcome o = console.engine().call(() -> sim.runUntil(() -> {
            while (checked[0] < events.count()) {
                FrameEvents.Event e = events.get(++checked[0]);
                if (isShown(e) && at.test(e)) found[0]++;
            }
            return found[0] >= n;
        }, horizon - sim.now()));
        printEvents(before + 1, events.count(), Math.min(n, LIST_ROWS));
        if (!(o instanceof Outcome.Completed)) console.report(o);
        else if (found[0] < n) console.out().println("no further event " + (events.count() == before ? "" : "of that kind ")
                + "within " + VirtualDuration.ofNanos(STEP_HORIZON_NANOS) + " of lab time (now " + time(sim.now()) + ")");
    }

    /** Rebuilds the lab and replays the inputs to reach event target; prints nothing meanwhile. */
    private void replay(List<Typed> keep, int target) {
        console.mute(true);
        console.rebuild();
        on = false;
        inputs = 0;
        log.clear();
        try {
            for (Typed t : keep) {
                moveTo(t.events(), t.nanos());
                console.replay(t.input());
                log.add(t);
            }
            moveTo(target, -1);
        } finally {
            console.mute(false);
            console.replayDone();
        }
    }

    /** Runs the rebuilt lab to just after event number target, then (nanos >= 0) on to lab time nanos. */
    private void moveTo(int target, long nanos) {
        Simulator sim = console.lab().simulator();
        if (events.count() < target) console.engine().call(() -> sim.runUntil(() -> events.count() >= target, Long.MAX_VALUE));
        if (nanos > sim.now()) console.engine().call(() -> sim.runUntil(nanos));
    }

    /**
     * Groovy input in simulation mode: a lab task that starts now and goes on as the lab steps. An input
     * that ends at once prints as usual; one that waits prints "[input N done at TIME]" and its result when it ends.
     */
    void spawn(String code) {
        int n = ++inputs;
        Closure<Object> body = new Closure<>(this) {
            @java.io.Serial private static final long serialVersionUID = 1L;

            @Override public Object call(Object... args) {
                Outcome o = console.engine().evaluate(code, "input", io.wirelab.scripting.engine.GroovyEngine.Trust.TRUSTED);
                if (rebuilding) return null;
                if (o instanceof Outcome.Completed done) {
                    String text = done.value() == null ? "" : Console.prefix(Tables.render(done.value()));
                    if (starting == n) {
                        if (!text.isEmpty()) console.out().println(text);
                    } else {
                        String head = "[input " + n + " done at " + time(console.lab().simulator().now()) + "]";
                        console.out().println(text.contains("\n") ? head + "\n" + text : head + (text.isEmpty() ? "" : " " + text));
                    }
                } else {
                    console.reportInput(o, code);
                }
                console.out().flush();
                return null;
            }
        };
        starting = n;
        ScriptTask t;
        try {
            t = console.facade().startNow("input " + n, body);
        } finally {
            starting = 0;
        }
        if (!t.isDone()) console.out().println("[input " + n + " waits for the lab: :step, :next N or :run]");
    }

    // ---- text ----

    private boolean requireOn(String command) {
        if (on) return true;
        console.error(command + " works in simulation mode: :sim first");
        return false;
    }

    private int count(String arg, String usage) {
        try {
            int n = Integer.parseInt(arg);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // falls through to the usage
        }
        console.error("usage: " + usage + " (a whole number above 0, got '" + arg + "')");
        return 0;
    }

    private boolean isShown(FrameEvents.Event e) { return shown.contains(FrameLayers.type(e.frame().bytes())); }

    private List<Integer> visible(int first, int last) {
        List<Integer> out = new ArrayList<>();
        for (int i = first; i <= last; i++) if (isShown(events.get(i))) out.add(i);
        return out;
    }

    private void printEvents(int first, int last, int max) {
        List<Integer> v = visible(first, last);
        if (v.isEmpty()) return;
        List<Integer> rows = v.size() <= max ? v : v.subList(v.size() - max, v.size());
        if (rows.size() < v.size()) console.out().println("(" + (v.size() - rows.size()) + " earlier events; :events all)");
        console.out().println(table(rows));
    }

    private String table(List<Integer> numbers) {
        List<List<String>> rows = new ArrayList<>();
        for (int n : numbers) {
            FrameEvents.Event e = events.get(n);
            String info = ETHERNET.matcher(PacketPrinter.print(e.frame())).replaceFirst("");
            if (info.length() > INFO_WIDTH) info = info.substring(0, INFO_WIDTH - 3) + "...";
            rows.add(List.of(Integer.toString(n), time(e.atNanos()), e.fromDevice(), e.toDevice(), FrameLayers.type(e.frame().bytes()).name(), info));
        }
        return Tables.table(List.of("#", "TIME", "LAST", "AT", "TYPE", "INFO"), rows);
    }

    private String filterText() {
        return shown.size() == FrameLayers.Type.values().length ? "all events"
                : String.join(" ", shown.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList()) + " events";
    }

    static String time(long nanos) { return SimTime.format(nanos) + " s"; }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }
}
