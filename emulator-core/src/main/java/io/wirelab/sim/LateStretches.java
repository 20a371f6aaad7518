package io.wirelab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The worst stretches a real-time simulator ran behind the wall clock. A stretch is the events it ran
 * back to back, each due when it was taken, from the first until the loop caught up and waited; its
 * lateness is that of its latest event (how long after its virtual time, on the wall clock, it ran).
 * Keeps the {@code kept} latest stretches by lateness, each with the event that was latest, its virtual
 * time and the wall time it ran at, so a report can say which event and when (and a GC log be matched).
 * With {@link #measure} each stretch also says how much of its wall time the simulator thread spent on a
 * CPU and how many collections fell in it, so the code's own cost can be told from a thread that waited
 * for a core or a pause. Simulator thread only.
 */
public final class LateStretches {
    /**
     * One stretch behind the wall clock.
     *
     * @param lateNanos    how long after its virtual time the latest event of the stretch ran
     * @param virtualNanos that event's virtual time
     * @param wallNanos    the wall clock (WallClock.nanoTime) when it was taken to run
     * @param event        what it was (Scheduled.describe: a label or the class that scheduled it)
     * @param events       the events the stretch ran before the loop caught up
     * @param firstLateNanos how late its first event ran: the loop's wake-up, before any event of the stretch ran
     * @param spanNanos    wall time from its first event to the loop catching up (to its latest event while in progress)
     * @param cpuNanos     the simulator thread's CPU time in that span, or -1 when not measured
     * @param collections  garbage collections that ended since the loop last caught up (in the wait before the
     *                     stretch, which a late first event may owe to one, or in the stretch), or -1 when not measured
     */
    public record Stretch(long lateNanos, long virtualNanos, long wallNanos, String event, long events,
                          long firstLateNanos, long spanNanos, long cpuNanos, long collections) {
        /** Whether cpuNanos and collections were measured. */
        public boolean measured() { return cpuNanos >= 0; }
    }

    private final Stretch[] worst;      // latest first; null past the stretches seen
    private boolean open;
    private long late;
    private long at;
    private long wall;
    private Scheduled latest;
    private long events;
    private long firstLate;
    private long openWall;
    private long openCpu;
    private long openCollections;
    private long collectionsAtCatchUp;
    private LongSupplier threadCpuNanos;
    private LongSupplier collectionCount;

    LateStretches(int kept) {
        if (kept < 1) throw new IllegalArgumentException("keep at least one stretch, not " + kept);
        worst = new Stretch[kept];
    }

    /**
     * From now on each stretch measures the simulator thread's CPU time (threadCpuNanos, read on that thread)
     * and the garbage collections so far (collectionCount) at its start and end.
     */
    void measure(LongSupplier threadCpuNanos, LongSupplier collectionCount) {
        this.threadCpuNanos = threadCpuNanos;
        this.collectionCount = collectionCount;
        collectionsAtCatchUp = collectionCount.getAsLong();
    }

    /** An event due lateNanos ago on the wall clock (now wallNanos) is taken to run. */
    void ran(Scheduled s, long lateNanos, long wallNanos) {
        if (!open) {
            open = true;
            late = -1;
            events = 0;
            firstLate = lateNanos;
            openWall = wallNanos;
            if (threadCpuNanos != null) {
                openCpu = threadCpuNanos.getAsLong();
                openCollections = collectionsAtCatchUp;
            }
        }
        events++;
        if (lateNanos > late) {
            late = lateNanos;
            at = s.at();
            wall = wallNanos;
            latest = s;
        }
    }

    /** The loop caught up with the wall clock (now wallNanos): the stretch in progress, if any, ends. */
    void caughtUp(long wallNanos) {
        if (!open) return;
        open = false;
        long collections = collectionCount == null ? -1 : collectionCount.getAsLong();
        keep(late, wallNanos, collections);
        collectionsAtCatchUp = collections;
        latest = null;
    }

    private void keep(long lateNanos, long wallNanos, long collectionsNow) {
        int last = worst.length - 1;
        if (worst[last] != null && worst[last].lateNanos() >= lateNanos) return;
        long cpu = threadCpuNanos == null ? -1 : threadCpuNanos.getAsLong() - openCpu;
        long collections = collectionCount == null ? -1 : collectionsNow - openCollections;
        Stretch s = new Stretch(lateNanos, at, wall, latest.describe(), events, firstLate, wallNanos - openWall, cpu, collections);
        int i = last;
        while (i > 0 && (worst[i - 1] == null || worst[i - 1].lateNanos() < lateNanos)) {
            worst[i] = worst[i - 1];
            i--;
        }
        worst[i] = s;
    }

    /** The worst stretches so far, latest first, including one still in progress. */
    public List<Stretch> worst() {
        List<Stretch> l = new ArrayList<>(worst.length + 1);
        for (Stretch s : worst) if (s != null) l.add(s);
        if (open) {
            Stretch current = new Stretch(late, at, wall, latest.describe(), events, firstLate, wall - openWall, -1, -1);
            int i = 0;
            while (i < l.size() && l.get(i).lateNanos() >= late) i++;
            l.add(i, current);
            if (l.size() > worst.length) l.removeLast();
        }
        return List.copyOf(l);
    }

    /** How late the latest event ran, 0 before any ran. */
    public long maxLateNanos() {
        long max = worst[0] == null ? 0 : worst[0].lateNanos();
        return open ? Math.max(max, late) : max;
    }
}
