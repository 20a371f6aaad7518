package io.wirelab.scripting;

import io.wirelab.labs.units.Units;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * One cable of the lab as scripts change it while the lab runs: {@code lab.link('pc1:eth0').down()},
 * {@code .up()}, {@code .set(loss: 5.percent, delay: 20.ms)}. Both directions change together. A
 * change prints one line, and the first frame a capture records on either end afterwards carries it as
 * a pcapng comment, so Wireshark shows where the carrier went and came back.
 */
public final class ScriptLink {
    static final List<String> OPTIONS = List.of("loss", "delay", "jitter", "bandwidth", "duplicate", "corrupt");
    private final Link link;
    private final String name;
    private final LinkNotes notes;
    private final PrintWriter out;
    private final Simulator sim;

    ScriptLink(Link link, LinkNotes notes, PrintWriter out, Simulator sim) {
        this.link = link;
        this.sim = sim;
        this.name = link.a().name() + " <-> " + link.b().name();
        this.notes = notes;
        this.out = out;
    }

    /** Pulls the cable: frames already on the wire still arrive, nothing new is sent (counted as port_down). */
    public ScriptLink down() {
        link.setUp(false);
        return changed("down");
    }

    /** Plugs the cable back. */
    public ScriptLink up() {
        link.setUp(true);
        return changed("up");
    }

    /** {@code set(loss: 5.percent, delay: 20.ms, jitter: 1.ms, bandwidth: 10.Mbps, duplicate: '1%', corrupt: 0.5.percent)}. */
    public ScriptLink set(Map<String, ?> options) {
        LinkParams.Builder ab = link.params(link.a()).toBuilder(), ba = link.params(link.b()).toBuilder();
        StringBuilder what = new StringBuilder();
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "loss" -> { double p = share(key, v); ab.loss(p); ba.loss(p); }
                case "duplicate" -> { double p = share(key, v); ab.duplicate(p); ba.duplicate(p); }
                case "corrupt" -> { double p = share(key, v); ab.corrupt(p); ba.corrupt(p); }
                case "delay" -> { long d = duration(key, v); ab.delay(d); ba.delay(d); }
                case "jitter" -> { long d = duration(key, v); ab.jitter(d); ba.jitter(d); }
                case "bandwidth" -> {
                    if (!(v instanceof DataRate r)) throw new IllegalArgumentException("link bandwidth: expected a rate like 10.Mbps, got " + v);
                    ab.bandwidth(r.bitsPerSecond());
                    ba.bandwidth(r.bitsPerSecond());
                }
                default -> {
                    String s = io.wirelab.labs.yaml.DidYouMean.suggest(key, OPTIONS);
                    throw new IllegalArgumentException("link.set has no option '" + key + "'" + (s != null ? "; did you mean '" + s + "'?" : "")
                            + " (options: " + String.join(", ", OPTIONS) + ")");
                }
            }
            what.append(what.isEmpty() ? "" : ", ").append(key).append(' ').append(v);
        }
        link.setParams(link.a(), ab.build());
        link.setParams(link.b(), ba.build());
        return changed(what.toString());
    }

    public boolean isUp() { return link.isUp(); }
    public VirtualDuration getDelay() { return VirtualDuration.ofNanos(link.params(link.a()).delayNanos()); }
    public String getLoss() { return new Percent(java.math.BigDecimal.valueOf(link.params(link.a()).loss() * 100)).toString(); }
    public String getName() { return name; }

    private ScriptLink changed(String what) {
        String line = "link " + name + " " + what + " at " + SimTime.format(sim.now()) + " s";
        notes.add(link, line);
        out.println(line);
        out.flush();
        return this;
    }

    private static double share(String key, Object v) {
        return switch (v) {
            case Percent p -> p.fraction();
            case String t -> Units.parsePercent(t);
            case Number n -> throw new IllegalArgumentException("link " + key + " needs a unit: " + n + ".percent or '" + n + "%'");
            default -> throw new IllegalArgumentException("link " + key + ": expected a share like 5.percent, got " + v);
        };
    }

    private static long duration(String key, Object v) {
        if (v instanceof VirtualDuration d && d.nanos() >= 0) return d.nanos();
        throw new IllegalArgumentException("link " + key + ": expected a duration like 20.ms, got " + v);
    }

    @Override public String toString() { return "link " + name + " " + (isUp() ? "up" : "down"); }
}
