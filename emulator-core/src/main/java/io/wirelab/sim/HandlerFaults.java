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
    /** One distinct fault: which device failed on what kind of frame, and why (exception and code site). */
    public record Fault(String device, String protocol, String reason) {
        /** "dhcp1: dropped a frame it failed to handle (udp 0.0.0.0:68 > 255.255.255.255:67 dhcp): NullPointerException at LeasePool.availableFor:52". */
        public String describe() { return device + ": dropped a frame it failed to handle (" + protocol + "): " + reason; }
    }

    private final SequencedMap<Fault, Long> counts = new LinkedHashMap<>();
    private final TreeMap<String, Long> byDevice = new TreeMap<>();
    private final Map<Fault, Long> firstAt = new LinkedHashMap<>();
    private Consumer<String> report = line -> System.err.println("wirelab: " + line);

    /** Where the one line per new fault goes (default: standard error). */
    public void onNewFault(Consumer<String> report) { this.report = report; }

    /** Counts a fault of device while handling a frame of protocol; reports it when it is new. */
    public void record(String device, String protocol, Throwable error, long nowNanos) {
        Fault f = new Fault(device, protocol, reason(error));
        byDevice.merge(device, 1L, Long::sum);
        if (counts.merge(f, 1L, Long::sum) == 1) {
            firstAt.put(f, nowNanos);
            report.accept(f.describe() + " at " + SimTime.format(nowNanos) + " s");
        }
    }

    public boolean isEmpty() { return counts.isEmpty(); }

    /** Frames dropped because of a fault, in total. */
    public long total() {
        long n = 0;
        for (long c : counts.values()) n += c;
        return n;
    }

    /** Frames dropped because of a fault, by device name (sorted). */
    public SequencedMap<String, Long> byDevice() { return Collections.unmodifiableSequencedMap(new TreeMap<>(byDevice)); }

    /** Each distinct fault with how many frames it dropped, in the order they first happened. */
    public SequencedMap<Fault, Long> counts() { return Collections.unmodifiableSequencedMap(new LinkedHashMap<>(counts)); }

    /** One line per distinct fault: "<describe()>, N frame(s), first at T s". */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Fault, Long> e : counts.entrySet())
            out.add(e.getKey().describe() + " (" + e.getValue() + (e.getValue() == 1 ? " frame" : " frames")
                    + ", first at " + SimTime.format(firstAt.get(e.getKey())) + " s)");
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
