package io.wirelab.pcap;

import io.wirelab.buffer.Frame;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.PortCounters;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The block order of captures on ports whose frames wait in the link's queue: a queued frame is
 * recorded where an event scheduled when it was queued would run, so a frame arriving at the same
 * nanosecond comes first only if its arrival was scheduled before the frame was queued.
 * <p>
 * 100 Mbit/s, 1 us: a 98-byte echo takes 9,760 ns to serialize. pc1 queues A0-A2 at 10,000 (they
 * start at 10,000, 19,760 and 29,520); pc2 sends B1 at 9,000 (arrives at pc1 at 19,760, scheduled
 * before A1 was queued) and B2 at 18,760 (arrives at 29,520, scheduled after A2 was queued).
 * <p>
 * Each case runs with a stream capture (told of each start by an event) and with a capture file of
 * one port, which the link tells of queued frames' starts lazily (FrameTap.takesStartsLate): the
 * blocks must be the same.
 */
class CaptureOrderTest {
    private static final LinkParams PARAMS = LinkParams.DEFAULT.withBandwidth(100_000_000L).withDelay(1_000).withQueueFrames(10);

    private final Simulator sim = new Simulator(1);
    private final Port pc1 = new Port("pc1:eth0", sim);
    private final Port pc2 = new Port("pc2:eth0", sim);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    @TempDir Path dir;
    private Path file;

    /** A capture onto a stream, or into a file (whose starts may come lazily). */
    private Capture capture(boolean toFile) throws IOException {
        if (!toFile) return Capture.toStream(out, Capture.Format.PCAPNG, 65535, null);
        file = dir.resolve("c.pcapng");
        return Capture.toFile(file, Capture.Format.PCAPNG, 65535, null);
    }

    private List<String> blocks() throws IOException { return blocks(file != null ? Files.readAllBytes(file) : out.toByteArray()); }

    private void traffic() {
        sim.at(9_000, () -> pc2.transmit(frame(false, 101)));
        sim.at(10_000, () -> { for (int i = 0; i < 3; i++) pc1.transmit(frame(true, i)); });
        sim.at(18_760, () -> pc2.transmit(frame(false, 102)));
    }

    private static Frame frame(boolean fromPc1, int id) { return new Frame(TestFrames.echo(fromPc1, id)); }

    /** "A1 pc1:eth0@19760": the frame's name (its IPv4 identification), interface and timestamp. */
    private static List<String> blocks(byte[] capture) throws IOException {
        return PcapReader.read(capture).records().stream()
                .map(r -> name(r.data()) + " " + r.interfaceName() + "@" + r.timestampNanos()
                        + (r.comment() != null ? " " + r.comment() : ""))
                .toList();
    }

    private static String name(byte[] frame) {
        int id = Bytes.u16(frame, 18);
        return id > 100 ? "B" + (id - 100) : "A" + id;
    }

    @ParameterizedTest @ValueSource(booleans = {false, true})
    void bothDirectionsOnOnePort_tiesFollowWhenEachWasScheduled(boolean toFile) throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        Capture c = capture(toFile).tap(pc1);
        traffic();
        sim.run();
        c.close();
        assertThat(blocks()).containsExactly(
                "A0 pc1:eth0@10000", "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A2 pc1:eth0@29520", "B2 pc1:eth0@29520");
    }

    @ParameterizedTest @ValueSource(booleans = {false, true})
    void oneCaptureOfBothEnds_interleavesBothQueuesAndArrivals(boolean toFile) throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        Capture c = capture(toFile).tap(pc1).tap(pc2);
        traffic();
        sim.at(9_000, () -> pc2.transmit(frame(false, 103)));   // waits behind B1 until 18,760, when B2 is sent
        sim.run();
        c.close();
        assertThat(blocks()).containsExactly(
                "B1 pc2:eth0@9000", "A0 pc1:eth0@10000",
                "B3 pc2:eth0@18760",                                // its start was reserved at 9,000, after B2's send event
                "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A0 pc2:eth0@20760",
                "B2 pc2:eth0@28520",                                // sent at 18,760 behind B3
                "B3 pc1:eth0@29520", "A2 pc1:eth0@29520",           // B3's arrival was scheduled at 9,000, A2 queued at 10,000
                "A1 pc2:eth0@30520", "B2 pc1:eth0@39280", "A2 pc2:eth0@40280");
    }

    @ParameterizedTest @ValueSource(booleans = {false, true})
    void captureStartedWhileFramesWait_keepsTheSameOrder(boolean toFile) throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        Capture c = capture(toFile);
        traffic();
        sim.at(15_000, () -> {
            try {
                c.tap(pc1);                                         // A1 and A2 wait; B2's arrival is scheduled later
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        sim.run();
        c.close();
        assertThat(blocks()).containsExactly(
                "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A2 pc1:eth0@29520", "B2 pc1:eth0@29520");
    }

    @ParameterizedTest @ValueSource(booleans = {false, true})
    void aCommenterSeesTheFramesInThatOrder_soStateItKeepsLandsOnTheSameFrame(boolean toFile) throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        Capture c = capture(toFile).tap(pc1);
        boolean[] marked = {false};
        c.setCommenter((port, direction, frame, now) -> {
            if (!marked[0]) return null;
            marked[0] = false;
            return "after the mark";
        });
        traffic();
        sim.at(12_000, () -> sim.at(19_760, () -> marked[0] = true));   // at 19,760 after A1 starts (queued at 10,000)
        sim.run();
        c.close();
        assertThat(blocks()).containsExactly(
                "A0 pc1:eth0@10000", "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A2 pc1:eth0@29520 after the mark", "B2 pc1:eth0@29520");
    }

    @ParameterizedTest @ValueSource(booleans = {false, true})
    void aLostFrameIsStillRecordedWhenItStarts_andNeverArrives(boolean toFile) throws IOException {
        Link link = Link.connect(sim, pc1, pc2, PARAMS);
        link.setParams(pc1, PARAMS.withLoss(1.0));
        Capture c = capture(toFile).tap(pc1).tap(pc2);
        traffic();
        sim.run();
        c.close();
        assertThat(blocks()).containsExactly(
                "B1 pc2:eth0@9000", "A0 pc1:eth0@10000", "B2 pc2:eth0@18760",
                "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A2 pc1:eth0@29520", "B2 pc1:eth0@29520");
        assertThat(pc1.counters().drops(PortCounters.Drop.LOST)).isEqualTo(3);
    }

    @ParameterizedTest @ValueSource(booleans = {false, true})
    void aTapRemovedWhileFramesWait_seesNoMoreOfThem(boolean toFile) throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        Capture c = capture(toFile).tap(pc1);
        traffic();
        sim.at(15_000, () -> {
            try {
                c.close();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        sim.run();
        assertThat(blocks()).containsExactly("A0 pc1:eth0@10000");
    }
    /**
     * A run stopped at any moment (at a time, or within an instant by a condition on what arrived) and
     * flushed: the file holds what the stream holds by then, the starts that have passed and no more,
     * with fewer events.
     */
    @Test
    void aFileFlushedWhereverTheRunStops_holdsTheStartsThatHavePassed() throws IOException {
        for (long stop : new long[] {9_999, 10_000, 19_759, 19_760, 20_000, 29_520, 40_000, -1, -2, -3, -4, -5}) {
            Run stream = stoppedAt(stop, null);
            Run file = stoppedAt(stop, dir.resolve(stop + ".pcapng"));
            assertThat(file.blocks).as("stopped at %d", stop).isEqualTo(stream.blocks);
            assertThat(file.events).isLessThanOrEqualTo(stream.events);
        }
        assertThat(stoppedAt(Long.MAX_VALUE, dir.resolve("all.pcapng")).events)
                .isEqualTo(stoppedAt(Long.MAX_VALUE, null).events - 2);      // A1's and A2's starts
    }

    /** A second port tapped while starts wait lazily: the first port's starts go back to events, in the same order. */
    @Test
    void aSecondPortTappedWhileStartsWait_keepsTheOrder() throws IOException {
        assertThat(secondPortAt15us(true)).isEqualTo(secondPortAt15us(false)).hasSize(9);
    }

    private record Run(List<String> blocks, long events) {}

    /** Stopped at virtual time stop, or, for a negative stop, once -stop frames have arrived. */
    private static Run stoppedAt(long stop, Path file) throws IOException {
        Simulator sim = new Simulator(1);
        Port a = new Port("pc1:eth0", sim), b = new Port("pc2:eth0", sim);
        Link.connect(sim, a, b, PARAMS);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Capture c = file == null ? Capture.toStream(stream, Capture.Format.PCAPNG, 65535, null)
                : Capture.toFile(file, Capture.Format.PCAPNG, 65535, null);
        c.tap(a);
        sim.at(9_000, () -> b.transmit(frame(false, 101)));
        sim.at(10_000, () -> { for (int i = 0; i < 3; i++) a.transmit(frame(true, i)); });
        sim.at(18_760, () -> b.transmit(frame(false, 102)));
        if (stop == Long.MAX_VALUE) sim.run();
        else if (stop < 0) sim.runUntil(() -> a.counters().rxFrames() + b.counters().rxFrames() >= -stop, 1_000_000);
        else sim.runUntil(stop);
        c.flush();
        List<String> blocks = blocks(file == null ? stream.toByteArray() : Files.readAllBytes(file));
        c.close();
        return new Run(blocks, sim.eventsExecuted());
    }

    private List<String> secondPortAt15us(boolean toFile) throws IOException {
        Simulator sim = new Simulator(1);
        Port a = new Port("pc1:eth0", sim), b = new Port("pc2:eth0", sim);
        Link.connect(sim, a, b, PARAMS);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Path f = dir.resolve("two.pcapng");
        Capture c = toFile ? Capture.toFile(f, Capture.Format.PCAPNG, 65535, null) : Capture.toStream(stream, Capture.Format.PCAPNG, 65535, null);
        c.tap(a);
        sim.at(9_000, () -> b.transmit(frame(false, 101)));
        sim.at(10_000, () -> { for (int i = 0; i < 3; i++) a.transmit(frame(true, i)); });
        sim.at(15_000, () -> {
            try {
                c.tap(b);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        sim.at(18_760, () -> b.transmit(frame(false, 102)));
        sim.run();
        c.close();
        return blocks(toFile ? Files.readAllBytes(f) : stream.toByteArray());
    }
}
