package io.wirelab.console;

import io.wirelab.labs.live.Pace;
import io.wirelab.labs.run.Lab;
import io.wirelab.sim.Simulator;
import io.wirelab.sim.WallClock;

/**
 * The console's {@code :pace} (and {@code console --pace}): how fast lab time passes while an input
 * runs the lab, as {@code run --pace}: fast (the default), real time, or a rate such as 0.1x to watch
 * a {@code :live} stream in Wireshark. Pacing decides when events run, never what they do, so it is
 * not part of what :back replays, and the replay itself runs unpaced.
 */
final class ConsolePace {
    private final WallClock clock;
    private Pace pace = Pace.FAST;

    ConsolePace(WallClock clock) { this.clock = clock; }

    Pace pace() { return pace; }

    /** Sets the pace and paces lab by it; IllegalArgumentException (the message to show) when the lab cannot take it. */
    void set(Pace p, Lab lab) {
        if (lab.isRealTime() && p.rate() != 1)
            throw new IllegalArgumentException("lab " + lab.name() + " runs in real time (it has a bridge), so its pace is the wall clock's: only realtime fits");
        pace = p;
        applyTo(lab);
    }

    /** Paces a lab (the session's, or a rebuilt one) by the pace set. */
    void applyTo(Lab lab) {
        if (lab.isRealTime()) return;
        Simulator sim = lab.simulator();
        if (pace.isFast()) sim.unpace();
        else sim.pace(clock, pace.rate());
    }

    /** Runs a lab as fast as it can (while :back replays). */
    static void unpace(Lab lab) {
        if (!lab.isRealTime()) lab.simulator().unpace();
    }

    /** What :pace prints for the pace set. */
    String describe() {
        if (pace.isFast()) return "pace fast: lab time runs as fast as the machine can (:pace 0.1x slows it down to watch, :pace realtime)";
        if (pace.rate() == 1) return "pace realtime: one lab second per wall-clock second";
        double wallPerLab = 1 / pace.rate();
        String wall = wallPerLab >= 1 ? decimal(wallPerLab) + " s" : decimal(wallPerLab * 1000) + " ms";
        return "pace " + pace + ": one lab second takes " + wall + " of wall-clock time (:pace fast to run at full speed)";
    }

    /** At most two decimals, no trailing zeros: 10, 2.5, 0.33. */
    private static String decimal(double d) {
        return java.math.BigDecimal.valueOf(d).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
