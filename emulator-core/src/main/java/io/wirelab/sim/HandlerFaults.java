package io.wirelab.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Exceptions that device code threw while handling one frame. The frame is dropped and the lab goes
 * on; each distinct fault (device, protocol, reason) is reported once as it happens and counted,
 * so a run can list them at the end and fail. Single-threaded, like the simulator that owns it.
 */
public final class HandlerFaults {
    /** One distinct fault: which device failed on what kind of frame ("udp dhcp"), and why (exception and code site). */
    public record Fault(String device, String kind, String reason) {}

    /** Distinct faults listed and reported; more are still counted, by device and in total. */
    public static final int MAX_DISTINCT = 100;

    private final SequencedMap<Fault, Long> counts = new LinkedHashMap<>();
    private final Map<Fault, String> firstFrame = new LinkedHashMap<>();
    private final Map<Fault, Long> firstAt = new LinkedHashMap<>();
    private final TreeMap<String, Long> byDevice = new TreeMap<>();
    private long unlisted;
    private Consumer<String> report = line -> System.err.println("wirelab: " + line);

    /** Where the one line per new fault goes (default: standard error). */
    public void onNewFault(Consumer<String> report) { this.report = report; }

    /**
     * Counts a fault of device while handling a frame of kind (FrameProtocol.kind), described by frame
     * (FrameProtocol.describe); reports it when it is new. Faults differing only in addresses are one fault.
     */
    public void record(String device, String kind, String frame, Throwable error, long nowNanos) {
        Fault f = new Fault(device, kind, reason(error));
        byDevice.merge(device, 1L, Long::sum);
        Long seen = counts.get(f);
        if (seen != null) { counts.put(f, seen + 1); return; }
        if (counts.size() >= MAX_DISTINCT) { unlisted++; return; }
        counts.put(f, 1L);
        firstFrame.put(f, frame);
        firstAt.put(f, nowNanos);
        report.accept(describe(f) + " at " + SimTime.format(nowNanos) + " s");
    }

    /** "dhcp1: dropped a frame it failed to handle (udp 0.0.0.0:68 > 255.255.255.255:67 dhcp): NullPointerException at LeasePool.availableFor:52". */
    public String describe(Fault f) { return f.device() + ": dropped a frame it failed to handle (" + firstFrame.get(f) + "): " + f.reason(); }

    public boolean isEmpty() { return counts.isEmpty(); }

    /** Frames dropped because of a fault, in total. */
    public long total() {
        long n = unlisted;
        for (long c : counts.values()) n += c;
        return n;
    }

    /** Frames dropped because of a fault, by device name (sorted). */
    public SequencedMap<String, Long> byDevice() { return Collections.unmodifiableSequencedMap(new TreeMap<>(byDevice)); }

    /** Each distinct fault with how many frames it dropped, in the order they first happened. */
    public SequencedMap<Fault, Long> counts() { return Collections.unmodifiableSequencedMap(new LinkedHashMap<>(counts)); }

    /** One line per distinct fault, "<describe(f)> (N frames, first at T s)", then one for faults past MAX_DISTINCT. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Fault, Long> e : counts.entrySet())
            out.add(describe(e.getKey()) + " (" + e.getValue() + (e.getValue() == 1 ? " frame" : " frames")
                    + ", first at " + SimTime.format(firstAt.get(e.getKey())) + " s)");
        if (unlisted > 0) out.add("and " + unlisted + " more frames with other faults, past the first " + MAX_DISTINCT);
        return out;
    }

    /** "NullPointerException: msg at LeasePool.availableFor:52": the exception and the code that threw it. */
    static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        String m = e.getMessage();
        if (m != null && !m.isBlank()) sb.append(": ").append(firstLine(m));
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length > 0) {
            StackTraceElement top = trace[0];
            for (StackTraceElement t : trace) if (t.getClassName().startsWith("io.wirelab.")) { top = t; break; }
            String cls = top.getClassName();
            sb.append(" at ").append(cls.substring(cls.lastIndexOf('.') + 1)).append('.').append(top.getMethodName());
            if (top.getLineNumber() > 0) sb.append(':').append(top.getLineNumber());
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
