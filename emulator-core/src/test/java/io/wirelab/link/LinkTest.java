package io.wirelab.link;

import io.wirelab.buffer.Frame;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.Bytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkTest {
    private static final long MS = 1_000_000L;
    private static final LinkParams FAST_ETHERNET = LinkParams.DEFAULT.withBandwidth(100_000_000L).withDelay(MS);

    record Arrival(int index, long at, byte[] bytes) {}

    private final List<Arrival> atA = new ArrayList<>();
    private final List<Arrival> atB = new ArrayList<>();

    private Port[] wire(Simulator sim, LinkParams aToB, LinkParams bToA) {
        Port a = new Port("pc1:eth0", sim);
        Port b = new Port("pc2:eth0", sim);
        a.attach((f, now) -> atA.add(new Arrival(Bytes.u16(f.bytes(), 14), now, f.bytes())));
        b.attach((f, now) -> atB.add(new Arrival(Bytes.u16(f.bytes(), 14), now, f.bytes())));
        new Link(sim, a, b, aToB, bToA);
        return new Port[] {a, b};
    }

    /** A frame of the given size whose bytes 14..15 carry its index. */
    private static Frame frame(int index, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < 12; i++) b[i] = (byte) (i < 6 ? 0x02 : 0x04);
        Bytes.put16(b, 12, 0x88b5);                                     // IEEE local experimental EtherType
        Bytes.put16(b, 14, index);
        for (int i = 16; i < size; i++) b[i] = (byte) i;
        return new Frame(b);
    }

    @Test
    void arrival_isSerializationPlusPropagation_withMinimumFramePadding() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, FAST_ETHERNET, FAST_ETHERNET);
        p[0].transmit(frame(0, 98));
        sim.run();
        assertThat(atB).extracting(Arrival::at).containsExactly(MS + 9_760);   // (98 + 24) * 8 bits at 100 Mbit/s
        long sentAt = sim.now() + MS;
        sim.after(MS, () -> p[0].transmit(frame(1, 42)));
        sim.run();
        assertThat(atB.get(1).at()).isEqualTo(sentAt + 6_720 + MS);      // 42 bytes padded to 60, + 24
    }

    @Test
    void backToBackFrames_waitForTheTransmitter() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, FAST_ETHERNET, FAST_ETHERNET);
        for (int i = 0; i < 3; i++) p[0].transmit(frame(i, 1514));
        sim.run();
        long ser = (1514 + 24) * 8 * 10L;                                 // 123,040 ns
        assertThat(atB).extracting(Arrival::at).containsExactly(ser + MS, 2 * ser + MS, 3 * ser + MS);
        assertThat(atB).extracting(Arrival::index).containsExactly(0, 1, 2);
    }

    @Test
    void fullDuplex_directionsDoNotShareTheTransmitter_andKeepTheirOwnParams() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, FAST_ETHERNET, FAST_ETHERNET.withDelay(5 * MS));
        p[0].transmit(frame(0, 1514));
        p[1].transmit(frame(1, 1514));
        p[1].transmit(frame(2, 1514));
        sim.run();
        long ser = 123_040;
        assertThat(atB).extracting(Arrival::at).containsExactly(ser + MS);
        assertThat(atA).extracting(Arrival::at).containsExactly(ser + 5 * MS, 2 * ser + 5 * MS);
    }

    @Test
    void dropTailQueue_overflow_isCountedAndRefused_thenDrains() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, FAST_ETHERNET.withQueueFrames(2), FAST_ETHERNET);
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) accepted.add(p[0].transmit(frame(i, 1514)));
        assertThat(accepted).containsExactly(true, true, true, false, false);   // one on the wire, two queued
        assertThat(p[0].counters().drops(PortCounters.Drop.QUEUE_FULL)).isEqualTo(2);
        assertThat(p[0].counters().txFrames()).isEqualTo(3);
        sim.run();
        assertThat(atB).extracting(Arrival::index).containsExactly(0, 1, 2);
        assertThat(p[0].transmit(frame(9, 1514))).isTrue();
    }

    @Test
    void queueDrains_asTransmissionsStart() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, FAST_ETHERNET.withQueueFrames(1), FAST_ETHERNET);
        assertThat(p[0].transmit(frame(0, 1514))).isTrue();
        assertThat(p[0].transmit(frame(1, 1514))).isTrue();
        assertThat(p[0].transmit(frame(2, 1514))).isFalse();
        sim.runUntil(123_040);                                            // frame 1 starts now: the queue is empty
        assertThat(p[0].transmit(frame(3, 1514))).isTrue();
        sim.run();
        assertThat(atB).extracting(Arrival::index).containsExactly(0, 1, 3);
    }

    @Test
    void outboundTap_seesAFrameWhenItStartsOntoTheWire_notWhenQueueDropsIt() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, FAST_ETHERNET.withQueueFrames(1), FAST_ETHERNET);
        List<String> seen = new ArrayList<>();
        p[0].addTap((port, dir, f, now) -> seen.add(dir + " " + Bytes.u16(f.bytes(), 14) + " @" + now));
        p[1].addTap((port, dir, f, now) -> seen.add(port + " " + dir + " " + Bytes.u16(f.bytes(), 14) + " @" + now));
        for (int i = 0; i < 3; i++) p[0].transmit(frame(i, 1514));
        sim.run();
        assertThat(seen).containsExactly(
                "OUTBOUND 0 @0", "OUTBOUND 1 @123040",
                "pc2:eth0 INBOUND 0 @1123040", "pc2:eth0 INBOUND 1 @1246080");
    }

    private List<Integer> deliveredIndices(long seed, LinkParams params, int frames) {
        atB.clear();
        Simulator sim = new Simulator(seed);
        Port[] p = wire(sim, params, params);
        for (int i = 0; i < frames; i++) {
            int index = i;
            sim.at(i * MS, () -> p[0].transmit(frame(index, 100)));
        }
        sim.run();
        return atB.stream().map(Arrival::index).toList();
    }

    @Test
    void loss_isDeterministicPerSeed_countedAsLost_nearTheConfiguredRate() {
        LinkParams lossy = FAST_ETHERNET.withLoss(0.3);
        List<Integer> first = deliveredIndices(42, lossy, 1000);
        List<Integer> again = deliveredIndices(42, lossy, 1000);
        List<Integer> other = deliveredIndices(43, lossy, 1000);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first.size()).isBetween(630, 770);
        Simulator sim = new Simulator(42);
        atB.clear();
        Port[] p = wire(sim, lossy, lossy);
        for (int i = 0; i < 1000; i++) { int k = i; sim.at(i * MS, () -> p[0].transmit(frame(k, 100))); }
        sim.run();
        assertThat(p[0].counters().drops(PortCounters.Drop.LOST)).isEqualTo(1000 - first.size());
        assertThat(p[0].counters().txFrames()).isEqualTo(1000);
    }

    @Test
    void duplication_deliversSomeFramesTwice_deterministically() {
        LinkParams dup = FAST_ETHERNET.withDuplicate(0.2);
        List<Integer> first = deliveredIndices(7, dup, 500);
        assertThat(deliveredIndices(7, dup, 500)).isEqualTo(first);
        assertThat(first.size()).isBetween(560, 640);
        assertThat(first.stream().distinct().count()).isEqualTo(500);
    }

    @Test
    void reorder_delaysSomeFramesPastLaterOnes_deterministically() {
        LinkParams reorder = FAST_ETHERNET.withReorder(0.25, 3 * MS);
        List<Integer> first = deliveredIndices(9, reorder, 200);
        assertThat(deliveredIndices(9, reorder, 200)).isEqualTo(first);
        assertThat(first).hasSize(200).doesNotHaveDuplicates().isNotEqualTo(first.stream().sorted().toList());
        long outOfOrder = java.util.stream.IntStream.range(1, first.size()).filter(i -> first.get(i) < first.get(i - 1)).count();
        assertThat(outOfOrder).isBetween(25L, 75L);
    }

    @Test
    void noReorder_keepsFifoEvenWithJitter() {
        List<Integer> jittered = deliveredIndices(5, FAST_ETHERNET.withJitter(10 * MS), 300);
        assertThat(jittered).isEqualTo(java.util.stream.IntStream.range(0, 300).boxed().toList());
        Simulator sim = new Simulator(5);
        atB.clear();
        Port[] p = wire(sim, FAST_ETHERNET.withJitter(10 * MS), FAST_ETHERNET);
        p[0].transmit(frame(0, 100));
        sim.run();
        assertThat(atB.getFirst().at()).isBetween(MS + 12_400, MS + 12_400 + 10 * MS);
    }

    @Test
    void corruption_flipsExactlyOneBitAfterTheEthernetHeader_deterministically_andTheReceiverDropsItOnTheFcs() {
        LinkParams corrupt = FAST_ETHERNET.withCorrupt(1.0);
        List<byte[]> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            atB.clear();
            Simulator sim = new Simulator(11);
            Port[] p = wire(sim, corrupt, corrupt);
            List<Frame> seen = new ArrayList<>();
            p[1].addTap((port, dir, f, now) -> seen.add(f));
            Frame sent = frame(0, 200);
            p[0].transmit(sent);
            sim.run();
            assertThat(atB).isEmpty();                                      // IEEE 802.3 §3.2.9: discarded by the receiving MAC
            assertThat(p[1].counters().drops(PortCounters.Drop.FCS_ERROR)).isEqualTo(1);
            assertThat(p[1].counters().rxFrames()).isZero();
            assertThat(seen).singleElement().satisfies(f -> assertThat(f.fcsError()).isTrue());
            byte[] got = seen.getFirst().bytes();
            int bitsDifferent = 0, firstDiff = -1;
            for (int i = 0; i < got.length; i++) {
                int d = Integer.bitCount((got[i] ^ sent.bytes()[i]) & 0xff);
                if (d > 0 && firstDiff < 0) firstDiff = i;
                bitsDifferent += d;
            }
            assertThat(bitsDifferent).isEqualTo(1);
            assertThat(firstDiff).isGreaterThanOrEqualTo(14);
            assertThat(sent.bytes()).isEqualTo(frame(0, 200).bytes());   // the sender's frame is untouched
            runs.add(got);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    @Test
    void mtu_refusesFramesWhosePayloadExceedsIt() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, FAST_ETHERNET.withMtu(1000), FAST_ETHERNET);
        assertThat(p[0].transmit(frame(0, 1014))).isTrue();
        assertThat(p[0].transmit(frame(1, 1015))).isFalse();
        sim.run();
        assertThat(atB).extracting(Arrival::index).containsExactly(0);
        assertThat(p[0].counters().drops(PortCounters.Drop.OVER_MTU)).isEqualTo(1);
        assertThat(p[0].counters().txFrames()).isEqualTo(1);
    }

    @Test
    void linkDown_refusesNewFrames_butFramesInFlightStillArrive() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, FAST_ETHERNET, FAST_ETHERNET);
        Link link = p[0].link();
        p[0].transmit(frame(0, 100));
        link.setUp(false);
        assertThat(p[0].isUp()).isFalse();
        assertThat(p[0].transmit(frame(1, 100))).isFalse();
        assertThat(p[1].transmit(frame(2, 100))).isFalse();
        sim.run();
        assertThat(atB).extracting(Arrival::index).containsExactly(0);
        assertThat(atA).isEmpty();
        assertThat(p[0].counters().drops(PortCounters.Drop.PORT_DOWN)).isEqualTo(1);
        link.setUp(true);
        assertThat(p[0].transmit(frame(3, 100))).isTrue();
        sim.run();
        assertThat(atB).extracting(Arrival::index).containsExactly(0, 3);
    }

    @Test
    void adminDownReceiver_dropsArrivals_withoutDeliveringOrTapping() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, FAST_ETHERNET, FAST_ETHERNET);
        List<Frame> tapped = new ArrayList<>();
        p[1].addTap((port, dir, f, now) -> tapped.add(f));
        p[1].setAdminUp(false);
        p[0].transmit(frame(0, 100));
        sim.run();
        assertThat(atB).isEmpty();
        assertThat(tapped).isEmpty();
        assertThat(p[1].counters().drops(PortCounters.Drop.PORT_DOWN)).isEqualTo(1);
        assertThat(p[1].counters().rxFrames()).isZero();
    }

    @Test
    void infiniteBandwidth_meansOnlyPropagationDelay() {
        Simulator sim = new Simulator(1);
        Port[] p = wire(sim, LinkParams.DEFAULT.withBandwidth(0).withDelay(2 * MS), LinkParams.DEFAULT);
        p[0].transmit(frame(0, 1514));
        p[0].transmit(frame(1, 1514));
        sim.run();
        assertThat(atB).extracting(Arrival::at).containsExactly(2 * MS, 2 * MS);
    }

    @Test
    void aPortCannotBeLinkedTwice_norToItself() {
        Simulator sim = new Simulator(1);
        Port a = new Port("a:eth0", sim), b = new Port("b:eth0", sim), c = new Port("c:eth0", sim);
        Link.connect(sim, a, b, LinkParams.DEFAULT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Link.connect(sim, c, b, LinkParams.DEFAULT))
                .isInstanceOf(IllegalStateException.class);
        assertThat(c.isConnected()).isFalse();                           // a failed connect leaves c free
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Link.connect(sim, c, c, LinkParams.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
