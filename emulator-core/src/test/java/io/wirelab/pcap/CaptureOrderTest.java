package io.wirelab.pcap;

import io.wirelab.buffer.Frame;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.PortCounters;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.Bytes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 */
class CaptureOrderTest {
    private static final LinkParams PARAMS = LinkParams.DEFAULT.withBandwidth(100_000_000L).withDelay(1_000).withQueueFrames(10);

    private final Simulator sim = new Simulator(1);
    private final Port pc1 = new Port("pc1:eth0", sim);
    private final Port pc2 = new Port("pc2:eth0", sim);

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

    @Test
    void bothDirectionsOnOnePort_tiesFollowWhenEachWasScheduled() throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(pc1);
        traffic();
        sim.run();
        c.close();
        assertThat(blocks(out.toByteArray())).containsExactly(
                "A0 pc1:eth0@10000", "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A2 pc1:eth0@29520", "B2 pc1:eth0@29520");
    }

    @Test
    void oneCaptureOfBothEnds_interleavesBothQueuesAndArrivals() throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(pc1).tap(pc2);
        traffic();
        sim.at(9_000, () -> pc2.transmit(frame(false, 103)));   // waits behind B1 until 18,760, when B2 is sent
        sim.run();
        c.close();
        assertThat(blocks(out.toByteArray())).containsExactly(
                "B1 pc2:eth0@9000", "A0 pc1:eth0@10000",
                "B3 pc2:eth0@18760",                                // its start was reserved at 9,000, after B2's send event
                "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A0 pc2:eth0@20760",
                "B2 pc2:eth0@28520",                                // sent at 18,760 behind B3
                "B3 pc1:eth0@29520", "A2 pc1:eth0@29520",           // B3's arrival was scheduled at 9,000, A2 queued at 10,000
                "A1 pc2:eth0@30520", "B2 pc1:eth0@39280", "A2 pc2:eth0@40280");
    }

    @Test
    void captureStartedWhileFramesWait_keepsTheSameOrder() throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null);
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
        assertThat(blocks(out.toByteArray())).containsExactly(
                "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A2 pc1:eth0@29520", "B2 pc1:eth0@29520");
    }

    @Test
    void aCommenterSeesTheFramesInThatOrder_soStateItKeepsLandsOnTheSameFrame() throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(pc1);
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
        assertThat(blocks(out.toByteArray())).containsExactly(
                "A0 pc1:eth0@10000", "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A2 pc1:eth0@29520 after the mark", "B2 pc1:eth0@29520");
    }

    @Test
    void aLostFrameIsStillRecordedWhenItStarts_andNeverArrives() throws IOException {
        Link link = Link.connect(sim, pc1, pc2, PARAMS);
        link.setParams(pc1, PARAMS.withLoss(1.0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(pc1).tap(pc2);
        traffic();
        sim.run();
        c.close();
        assertThat(blocks(out.toByteArray())).containsExactly(
                "B1 pc2:eth0@9000", "A0 pc1:eth0@10000", "B2 pc2:eth0@18760",
                "B1 pc1:eth0@19760", "A1 pc1:eth0@19760", "A2 pc1:eth0@29520", "B2 pc1:eth0@29520");
        assertThat(pc1.counters().drops(PortCounters.Drop.LOST)).isEqualTo(3);
    }

    @Test
    void aTapRemovedWhileFramesWait_seesNoMoreOfThem() throws IOException {
        Link.connect(sim, pc1, pc2, PARAMS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(pc1);
        traffic();
        sim.at(15_000, () -> {
            try {
                c.close();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        sim.run();
        assertThat(blocks(out.toByteArray())).containsExactly("A0 pc1:eth0@10000");
    }
}
