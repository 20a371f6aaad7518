package io.wirelab.stack.tcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The time series of one connection: state changes and cwnd/ssthresh/rto/srtt values whenever they
 * change, for labs and plots. Bounded: past its sample limit (MAX_POINTS, or REAL_TIME_MAX_SAMPLES for
 * a connection of a real-time lab, which may run for hours) further samples are counted, not kept; state
 * changes are always kept, so a trace ends in the connection's last state.
 * The end of TIME-WAIT, which the layer's TimeWaits run after the connection has left, comes from there
 * (timeWaitEnded) for a trace that was handed out; the record keeps no reference to any other.
 */
public final class TcpTrace {
    public static final int MAX_POINTS = 200_000;
    /** A real-time connection's limit: a keep-alive connection under load adds a few samples per request. */
    public static final int REAL_TIME_MAX_SAMPLES = 1_000;

    public enum Metric { CWND, SSTHRESH, RTO, SRTT }

    public sealed interface Point permits StateChanged, Sample {
        long atNanos();
    }

    public record StateChanged(long atNanos, TcpState from, TcpState to, String cause) implements Point {}

    public record Sample(long atNanos, Metric metric, long value) implements Point {}

    private static final byte STATE = -1;               // kinds[i]: a Metric ordinal, or a state change
    private static final Metric[] METRICS = Metric.values();

    // one entry per point, in order: primitive arrays, so a young collection copies a few arrays instead of
    // one object per sample (a keep-alive connection under load adds a few samples per request)
    private long[] times = new long[8];
    private long[] values = new long[8];                 // a sample's value, or the index of a state change
    private byte[] kinds = new byte[8];
    private int size;
    private final List<StateChanged> stateChanges = new ArrayList<>();
    private final long[] last = {-1, -1, -1, -1};
    private final int maxSamples;
    private int samples;
    private long dropped;

    /** A trace that keeps up to MAX_POINTS samples. */
    public TcpTrace() { this(MAX_POINTS); }

    /** A trace that keeps up to maxSamples samples and counts the rest. */
    public TcpTrace(int maxSamples) {
        if (maxSamples < 0) throw new IllegalArgumentException("a sample limit cannot be negative: " + maxSamples);
        this.maxSamples = maxSamples;
    }

    /** The connection's TIME-WAIT, which went on in the layer's TimeWaits, ended: this trace's last point. */
    void timeWaitEnded(long at, String cause) {
        addState(new StateChanged(at, TcpState.TIME_WAIT, TcpState.CLOSED, cause));
    }

    void stateChanged(long now, TcpState from, TcpState to, String cause) {
        addState(new StateChanged(now, from, to, cause));
    }

    void sample(long now, Metric metric, long value) {
        if (last[metric.ordinal()] == value) return;
        last[metric.ordinal()] = value;
        if (samples == maxSamples) {
            dropped++;
            return;
        }
        samples++;
        add(now, value, (byte) metric.ordinal());
    }

    private void addState(StateChanged c) {
        add(c.atNanos(), stateChanges.size(), STATE);
        stateChanges.add(c);
    }

    private void add(long at, long value, byte kind) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            values = Arrays.copyOf(values, n);
            kinds = Arrays.copyOf(kinds, n);
        }
        times[size] = at;
        values[size] = value;
        kinds[size] = kind;
        size++;
    }

    private Point point(int i) {
        return kinds[i] == STATE ? stateChanges.get((int) values[i]) : new Sample(times[i], METRICS[kinds[i]], values[i]);
    }

    /** Every point in order (made on each call). */
    public List<Point> points() {
        List<Point> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) out.add(point(i));
        return Collections.unmodifiableList(out);
    }

    public List<StateChanged> states() {
        return new ArrayList<>(stateChanges);
    }

    public List<Sample> samples(Metric metric) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < size; i++) if (kinds[i] == metric.ordinal()) out.add(new Sample(times[i], metric, values[i]));
        return out;
    }

    public long droppedPoints() { return dropped; }

    /**
     * The series as CSV for a spreadsheet or gnuplot: "time_s,event,value" with one row per point;
     * samples give the metric (cwnd and ssthresh in bytes, rto and srtt in seconds), state changes "state" and
     * "FROM>TO".
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("time_s,event,value\n");
        for (Point p : points()) {
            sb.append(io.wirelab.sim.SimTime.format(p.atNanos())).append(',');
            switch (p) {
                case StateChanged c -> sb.append("state,").append(c.from()).append('>').append(c.to());
                case Sample m when m.metric() == Metric.RTO || m.metric() == Metric.SRTT ->
                        sb.append(m.metric().name().toLowerCase(java.util.Locale.ROOT)).append(',').append(io.wirelab.sim.SimTime.format(m.value()));
                case Sample m -> sb.append(m.metric().name().toLowerCase(java.util.Locale.ROOT)).append(',').append(m.value());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override public String toString() {
        return "TCP trace (" + size + " points, " + stateChanges.size() + " state changes" + (dropped > 0 ? ", " + dropped + " dropped" : "") + "; toCsv() for plots)";
    }
}
