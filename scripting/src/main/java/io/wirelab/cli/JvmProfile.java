package io.wirelab.cli;

import io.wirelab.labs.build.MemoryEstimate;
import io.wirelab.labs.model.LabSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JVM a lab should run in, decided from the parsed lab before it is built (measured in
 * docs/performance.md, "JVM profiles"). The launcher starts every command as {@link Kind#BATCH};
 * {@link JvmRelaunch} starts the lab's command again in a JVM with {@link #flags()} when the lab needs
 * another one. The property {@value #FORCE_PROPERTY} (e.g. in WIRELAB_JAVA_OPTS) names the profile
 * instead of the decision: {@code -Dwirelab.jvm.profile=batch} never relaunches.
 *
 * @param kind  which JVM
 * @param flags the JVM options that make it (before WIRELAB_JAVA_OPTS, which override them)
 * @param why   what in the lab decided it, for the line the relaunch prints
 */
public record JvmProfile(Kind kind, List<String> flags, String why) {
    public static final String FORCE_PROPERTY = "wirelab.jvm.profile";

    /** Labs whose heap is estimated at least this large run long enough that C2 and a sized heap pay (flat-5000: ~220 MiB). */
    static final long LARGE_BYTES = 192L << 20;
    /** The real-time heap: pre-touched so a young collection never waits for the kernel to map a page. */
    static final long REAL_TIME_HEAP_BYTES = 128L << 20;

    public enum Kind {
        /** Short runs on few cores: Serial GC, a heap that starts at 16 MB, C1 only (the launcher's flags). */
        BATCH,
        /** A bridge to a real interface, or run --realtime: a pre-touched heap and a small young generation for short pauses. */
        REAL_TIME,
        /** A lab estimated to need a large heap: the heap sized from the estimate at start, C2. */
        LARGE;

        /** The name in {@value #FORCE_PROPERTY} and the relaunch line: batch, real-time, large. */
        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        static Kind of(String label) {
            for (Kind k : values()) if (k.label().equals(label.strip())) return k;
            throw new IllegalArgumentException("-D" + FORCE_PROPERTY + "=" + label + ": expected batch, real-time or large");
        }
    }

    public JvmProfile {
        flags = List.copyOf(flags);
    }

    /** Whether this is the launcher's JVM: what a warm daemon, which runs in one, may take. */
    public boolean isBatch() { return kind == Kind.BATCH; }

    /** The profile for a lab run: real-time when it has a bridge or realtime is asked for, large by its memory estimate, else batch. */
    public static JvmProfile of(LabSpec lab, boolean realtime) {
        return of(lab, realtime, MemoryEstimate.of(lab), System.getProperty(FORCE_PROPERTY), Runtime.getRuntime().maxMemory());
    }

    /**
     * forced: the value of {@value #FORCE_PROPERTY}, or null to decide from the lab; maxHeapBytes: the
     * heap a JVM started without -Xmx may grow to (the lab gets more only when its estimate needs more).
     */
    static JvmProfile of(LabSpec lab, boolean realtime, MemoryEstimate estimate, String forced, long maxHeapBytes) {
        Kind kind;
        String why;
        if (forced != null) {
            kind = Kind.of(forced);
            why = "-D" + FORCE_PROPERTY + "=" + forced;
        } else if (realtime || lab.hasBridges()) {
            kind = Kind.REAL_TIME;
            why = lab.hasBridges() ? "bridged lab" : "real-time lab";
        } else if (estimate.bytes() >= LARGE_BYTES) {
            kind = Kind.LARGE;
            why = "large lab (about " + MemoryEstimate.size(estimate.bytes()) + ")";
        } else {
            kind = Kind.BATCH;
            why = "batch run";
        }
        return new JvmProfile(kind, flags(kind, estimate, maxHeapBytes), why);
    }

    private static List<String> flags(Kind kind, MemoryEstimate estimate, long maxHeapBytes) {
        List<String> flags = new ArrayList<>();
        switch (kind) {
            case BATCH -> flags.addAll(List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:TieredStopAtLevel=1"));
            case REAL_TIME -> {
                // measured: a 128 MB pre-touched heap with a 32 MB young generation halves the largest lag
                // behind the wall clock under ab -k -c 50; C2's compile threads cost more than they save;
                // what survives one young collection (TIME-WAIT records, 60 s) goes to the old generation at
                // the next instead of being copied again and again: young pauses about 30 % shorter
                flags.addAll(List.of("-XX:+UseSerialGC", "-Xms" + mib(Math.max(REAL_TIME_HEAP_BYTES, estimate.bytes())),
                        "-Xmn32m", "-XX:MaxTenuringThreshold=1", "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1"));
            }
            // the heap it will need from the start (no collections while it grows from 16 MB); C2: its compile
            // threads cost about 10 s of CPU once, and flat-5000 ran 25 % faster with it
            case LARGE -> flags.addAll(List.of("-XX:+UseSerialGC", "-Xms" + mib(estimate.bytes())));
        }
        if (kind != Kind.BATCH && estimate.suggestedHeapBytes() > maxHeapBytes) flags.add("-Xmx" + mib(estimate.suggestedHeapBytes()));
        return flags;
    }

    /** Whole MiB, rounded up, in the JVM's size syntax. */
    static String mib(long bytes) { return ((bytes + (1L << 20) - 1) >> 20) + "m"; }
}
