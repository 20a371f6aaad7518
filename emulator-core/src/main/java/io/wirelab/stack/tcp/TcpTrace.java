package io.wirelab.stack.tcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The time series of one connection: state changes and cwnd/ssthresh/rto/srtt values whenever they
 * change, for labs and plots. Bounded: past its sample limit (MAX_POINTS, or REAL_TIME_MAX_SAMPLES for
 * a connection of a real-time lab, which may run for hours) further samples are counted, not kept; state
 * changes are always kept, so a trace ends in the connection's last state.
 * The end of TIME-WAIT, which a TimeWait record runs after the connection has left, is read from that
 * record when the trace is read, so the record keeps no reference to the trace.
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

    private final List<Point> points = new ArrayList<>();
    private final long[] last = {-1, -1, -1, -1};
    private final int maxSamples;
    private int samples;
    private long dropped;
    private TimeWait timeWait;                                 // until its end is copied in

    /** A trace that keeps up to MAX_POINTS samples. */
    public TcpTrace() { this(MAX_POINTS); }

    /** A trace that keeps up to maxSamples samples and counts the rest. */
    public TcpTrace(int maxSamples) {
        if (maxSamples < 0) throw new IllegalArgumentException("a sample limit cannot be negative: " + maxSamples);
        this.maxSamples = maxSamples;
    }

    /** The connection's TIME-WAIT goes on in tw; its end becomes this trace's last point. */
    void endsWith(TimeWait tw) { timeWait = tw; }

    /** Copies the end of TIME-WAIT in once it has happened. */
    private void settle() {
        if (timeWait == null || !timeWait.ended()) return;
        points.add(new StateChanged(timeWait.endedAt(), TcpState.TIME_WAIT, TcpState.CLOSED, timeWait.endCause()));
        timeWait = null;
    }

    void stateChanged(long now, TcpState from, TcpState to, String cause) {
        points.add(new StateChanged(now, from, to, cause));
    }

    void sample(long now, Metric metric, long value) {
        if (last[metric.ordinal()] == value) return;
        last[metric.ordinal()] = value;
        if (samples == maxSamples) {
            dropped++;
            return;
        }
        samples++;
        points.add(new Sample(now, metric, value));
    }

    public List<Point> points() { settle(); return Collections.unmodifiableList(points); }

    public List<StateChanged> states() {
        settle();
        List<StateChanged> out = new ArrayList<>();
        for (Point p : points) if (p instanceof StateChanged s) out.add(s);
        return out;
    }

    public List<Sample> samples(Metric metric) {
        settle();
        List<Sample> out = new ArrayList<>();
        for (Point p : points) if (p instanceof Sample s && s.metric() == metric) out.add(s);
        return out;
    }

    public long droppedPoints() { settle(); return dropped; }

    /**
     * The series as CSV for a spreadsheet or gnuplot: "time_s,event,value" with one row per point;
     * samples give the metric (cwnd and ssthresh in bytes, rto and srtt in seconds), state changes "state" and
     * "FROM>TO".
     */
    public String toCsv() {
        settle();
        StringBuilder sb = new StringBuilder("time_s,event,value\n");
        for (Point p : points) {
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
        settle();
        return "TCP trace (" + points.size() + " points, " + states().size() + " state changes" + (dropped > 0 ? ", " + dropped + " dropped" : "") + "; toCsv() for plots)";
    }
}
