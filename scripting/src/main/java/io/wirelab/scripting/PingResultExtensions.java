package io.wirelab.scripting;

import io.wirelab.devices.host.PingResult;
import java.util.List;

/**
 * Groovy properties on {@link PingResult} (registered in META-INF/groovy): {@code r.loss} (percent),
 * {@code r.lost}, {@code r.rttMin}, {@code r.rttAvg}, {@code r.rttMax}, {@code r.rttMdev} as
 * {@link VirtualDuration}s, {@code r.rtts}. {@code r.sent} and {@code r.received} are the record's own.
 */
public final class PingResultExtensions {
    private PingResultExtensions() {}

    public static double getLoss(PingResult r) { return r.lossPercent(); }
    public static int getLost(PingResult r) { return r.lost(); }
    public static VirtualDuration getRttMin(PingResult r) { return VirtualDuration.ofNanos(r.minNanos()); }
    public static VirtualDuration getRttAvg(PingResult r) { return VirtualDuration.ofNanos(r.avgNanos()); }
    public static VirtualDuration getRttMax(PingResult r) { return VirtualDuration.ofNanos(r.maxNanos()); }
    public static VirtualDuration getRttMdev(PingResult r) { return VirtualDuration.ofNanos(r.mdevNanos()); }
    public static List<VirtualDuration> getRtts(PingResult r) {
        return r.rttNanos().stream().map(VirtualDuration::ofNanos).toList();
    }
}
