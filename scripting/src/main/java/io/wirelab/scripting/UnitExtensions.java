package io.wirelab.scripting;

/**
 * Groovy extension properties on numbers (registered in META-INF/groovy): {@code 100.ms},
 * {@code 1.5.s}, {@code 100.Mbps}, {@code 1.MB}, {@code 1.KiB}. Results are exact or rejected.
 */
public final class UnitExtensions {
    private UnitExtensions() {}

    public static VirtualDuration getNs(Number n) { return VirtualDuration.of(n, "ns"); }
    public static VirtualDuration getUs(Number n) { return VirtualDuration.of(n, "us"); }
    public static VirtualDuration getMs(Number n) { return VirtualDuration.of(n, "ms"); }
    public static VirtualDuration getMillis(Number n) { return VirtualDuration.of(n, "ms"); }
    public static VirtualDuration getS(Number n) { return VirtualDuration.of(n, "s"); }
    public static VirtualDuration getSeconds(Number n) { return VirtualDuration.of(n, "s"); }
    public static VirtualDuration getMin(Number n) { return VirtualDuration.of(n, "min"); }
    public static VirtualDuration getH(Number n) { return VirtualDuration.of(n, "h"); }

    public static DataRate getBps(Number n) { return new DataRate(UnitMath.whole(n, 1, "bps", "bit/s")); }
    public static DataRate getKbps(Number n) { return new DataRate(UnitMath.whole(n, DataRate.K, "kbps", "bit/s")); }
    public static DataRate getMbps(Number n) { return new DataRate(UnitMath.whole(n, DataRate.M, "Mbps", "bit/s")); }
    public static DataRate getGbps(Number n) { return new DataRate(UnitMath.whole(n, DataRate.G, "Gbps", "bit/s")); }

    public static DataSize getB(Number n) { return new DataSize(UnitMath.whole(n, 1, "B", "bytes")); }
    public static DataSize getKB(Number n) { return new DataSize(UnitMath.whole(n, DataSize.KB, "KB", "bytes")); }
    public static DataSize getMB(Number n) { return new DataSize(UnitMath.whole(n, DataSize.MB, "MB", "bytes")); }
    public static DataSize getGB(Number n) { return new DataSize(UnitMath.whole(n, DataSize.GB, "GB", "bytes")); }
    public static DataSize getKiB(Number n) { return new DataSize(UnitMath.whole(n, DataSize.KIB, "KiB", "bytes")); }
    public static DataSize getMiB(Number n) { return new DataSize(UnitMath.whole(n, DataSize.MIB, "MiB", "bytes")); }
    public static Percent getPercent(Number n) { return new Percent(new java.math.BigDecimal(n.toString())); }

    public static DataSize getGiB(Number n) { return new DataSize(UnitMath.whole(n, DataSize.GIB, "GiB", "bytes")); }
}
