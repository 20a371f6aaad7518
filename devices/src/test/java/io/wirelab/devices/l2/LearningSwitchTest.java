package io.wirelab.devices.l2;

import io.wirelab.buffer.Frame;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.link.PortCounters;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearningSwitchTest {
    private static final long SECOND = 1_000_000_000L;
    private static final LinkParams INSTANT = LinkParams.DEFAULT.withBandwidth(0);
    private static final MacAddress H1 = MacAddress.parse("02:00:00:00:01:01");
    private static final MacAddress H2 = MacAddress.parse("02:00:00:00:02:01");
    private static final MacAddress H3 = MacAddress.parse("02:00:00:00:03:01");

    private final Simulator sim = new Simulator(1);
    private final LearningSwitch sw;
    private final Port[] hosts = new Port[4];
    private final List<List<Frame>> received = new ArrayList<>();

    LearningSwitchTest() {
        sw = new LearningSwitch(sim, "sw1", 5);                          // p5 stays unplugged
        for (int i = 0; i < 4; i++) {
            hosts[i] = new Port("h" + (i + 1) + ":eth0", sim);
            List<Frame> inbox = new ArrayList<>();
            received.add(inbox);
            hosts[i].attach((f, now) -> inbox.add(f));
            Link.connect(sim, hosts[i], sw.port("p" + (i + 1)), INSTANT);
        }
    }

    private static Frame frame(MacAddress dst, MacAddress src) {
        byte[] b = new byte[60];
        dst.write(b, 0);
        src.write(b, 6);
        b[12] = (byte) 0x88;
        b[13] = (byte) 0xb5;                                             // IEEE local experimental EtherType
        return new Frame(b);
    }

    /** Sends from host n (1-based) and runs; returns which hosts (1-based) got the frame. */
    private List<Integer> send(int n, Frame f) {
        received.forEach(List::clear);
        hosts[n - 1].transmit(f);
        sim.run();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (Frame r : received.get(i)) {
                assertThat(r).isSameAs(f);                              // forwarded, not copied
                got.add(i + 1);
            }
        }
        return got;
    }

    @Test
    void unknownUnicast_floodsToEveryOtherPort_neverBackOutIngress() {
        assertThat(send(1, frame(H2, H1))).containsExactly(2, 3, 4);
        assertThat(sw.counters("p1").rxFrames()).isEqualTo(1);
        assertThat(sw.counters("p2").flooded()).isEqualTo(1);
        assertThat(sw.counters("p1").txFrames()).isZero();
        assertThat(sw.port("p5").counters().drops(PortCounters.Drop.PORT_DOWN)).isZero();   // unplugged ports are skipped
    }

    @Test
    void learnedUnicast_goesOnlyToItsPort() {
        send(1, frame(H2, H1));
        assertThat(send(2, frame(H1, H2))).containsExactly(1);
        assertThat(send(1, frame(H2, H1))).containsExactly(2);
        assertThat(sw.counters("p2").txFrames()).isEqualTo(2);
        assertThat(sw.counters("p2").flooded()).isEqualTo(1);
        assertThat(sw.counters("p3").txFrames()).isEqualTo(1);
    }

    @Test
    void broadcastAndMulticast_areFloodedEvenWhenEverythingIsLearned() {
        send(1, frame(H2, H1));
        send(2, frame(H1, H2));
        assertThat(send(2, frame(MacAddress.BROADCAST, H2))).containsExactly(1, 3, 4);
        assertThat(send(3, frame(MacAddress.parse("01:00:5e:00:00:fb"), H3))).containsExactly(1, 2, 4);
    }

    @Test
    void destinationOnTheIngressPort_isFilteredAndCounted() {
        MacAddress behindP1 = MacAddress.parse("02:00:00:00:01:02");     // a second station behind p1 (a hub)
        send(1, frame(MacAddress.BROADCAST, behindP1));
        assertThat(send(1, frame(behindP1, H1))).isEmpty();
        assertThat(sw.counters("p1").filtered()).isEqualTo(1);
        assertThat(sw.counters("p1").rxFrames()).isEqualTo(2);
    }

    @Test
    void entries_ageOut_afterTheAgingTime_thenFloodAgain() {
        send(2, frame(H1, H2));
        sim.runUntil(sim.now() + 300 * SECOND - 1);
        assertThat(send(1, frame(H2, H1))).containsExactly(2);           // learned at t=0, still fresh
        sim.runUntil(300 * SECOND);
        assertThat(sw.macTable().portOf(H2)).isNull();
        assertThat(send(3, frame(H2, H3))).containsExactly(1, 2, 4);
    }

    @Test
    void agingTime_isConfigurable_andRefreshedBySourceTraffic() {
        assertThat(sw.macTable().agingNanos()).isEqualTo(300 * SECOND);
        assertThat(new LearningSwitch(sim, "sw2", 2, 10 * SECOND).macTable().agingNanos()).isEqualTo(10 * SECOND);
        sw.macTable().setAgingNanos(10 * SECOND);
        send(2, frame(H1, H2));
        sim.runUntil(8 * SECOND);
        send(2, frame(H1, H2));                                          // refresh at 8 s
        sim.runUntil(17 * SECOND);
        assertThat(send(1, frame(H2, H1))).containsExactly(2);
        sim.runUntil(18 * SECOND);
        assertThat(send(3, frame(H2, H3))).containsExactly(1, 2, 4);
        assertThatThrownBy(() -> new LearningSwitch(sim, "sw9", 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entries_areSortedByMac_withPortNamesAndAges() {
        send(3, frame(H1, H3));
        sim.runUntil(5 * SECOND);
        send(1, frame(H3, H1));
        sim.runUntil(7 * SECOND);
        send(2, frame(H1, H2));
        sim.runUntil(10 * SECOND);
        assertThat(sw.macTable().entries()).containsExactly(
                new MacTable.Entry(H1, "p1", 5 * SECOND),
                new MacTable.Entry(H2, "p2", 3 * SECOND),
                new MacTable.Entry(H3, "p3", 10 * SECOND));
        assertThat(sw.macTable().size()).isEqualTo(3);
        sw.macTable().clear();
        assertThat(sw.macTable().entries()).isEmpty();
    }

    @Test
    void stationMovingToAnotherPort_isRelearnedThere() {
        send(2, frame(H1, H2));
        send(4, frame(H1, H2));
        assertThat(sw.macTable().portOf(H2)).isEqualTo("p4");
        assertThat(sw.macTable().moves()).isEqualTo(1);
        assertThat(send(1, frame(H2, H1))).containsExactly(4);
    }

    @Test
    void runtFrame_isDroppedAsMalformed_notForwarded() {
        received.forEach(List::clear);
        hosts[0].transmit(new Frame(new byte[13]));
        sim.run();
        assertThat(received).allMatch(List::isEmpty);
        assertThat(sw.drops(LearningSwitch.Drop.MALFORMED)).isEqualTo(1);
        assertThat(sw.counters("p1").rxFrames()).isEqualTo(1);
        assertThat(send(1, new Frame(frame(H2, H1).bytes().clone()))).hasSize(3);   // 14+ bytes are fine
    }

    @Test
    void reservedLinkLocalGroup_isNeverForwarded_butTheNextAddressIs() {
        assertThat(send(1, frame(MacAddress.parse("01:80:c2:00:00:00"), H1))).isEmpty();   // STP BPDU address
        assertThat(send(1, frame(MacAddress.parse("01:80:c2:00:00:0e"), H1))).isEmpty();   // LLDP
        assertThat(sw.drops(LearningSwitch.Drop.RESERVED_GROUP_ADDRESS)).isEqualTo(2);
        assertThat(send(1, frame(MacAddress.parse("01:80:c2:00:00:10"), H1))).containsExactly(2, 3, 4);
        assertThat(sw.macTable().portOf(H1)).isEqualTo("p1");             // learning still happened
    }

    @Test
    void groupSourceAddress_isNeverLearned() {
        MacAddress group = MacAddress.parse("01:00:5e:00:00:01");
        send(1, frame(H2, group));
        assertThat(sw.macTable().portOf(group)).isNull();
        assertThat(sw.macTable().entries()).isEmpty();
    }

    @Test
    void processingLatency_delaysForwarding() {
        sw.setProcessingLatencyNanos(5_000);
        List<Long> times = new ArrayList<>();
        hosts[1].attach((f, now) -> times.add(now));
        sim.runUntil(1_000);
        hosts[0].transmit(frame(H2, H1));
        sim.run();
        assertThat(times).containsExactly(6_000L);
    }

    @Test
    void ports_areNamedP1ToPn_andLookedUpByInterfaceName() {
        assertThat(sw.name()).isEqualTo("sw1");
        assertThat(sw.kind()).isEqualTo("switch");
        assertThat(sw.ports()).extracting(Port::name).containsExactly("sw1:p1", "sw1:p2", "sw1:p3", "sw1:p4", "sw1:p5");
        assertThat(sw.port("p3")).isSameAs(sw.ports().get(2));
        assertThat(sw.port("p6")).isNull();
        assertThat(sw.port("p0")).isNull();
        assertThat(sw.port("p01")).isNull();
        assertThat(sw.port("eth0")).isNull();
        assertThatThrownBy(() -> sw.counters("p9")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fullTable_floodsNewStations_insteadOfLearningThem() {
        for (int i = 0; i < MacTable.DEFAULT_CAPACITY + 5; i++) hosts[0].transmit(frame(H2, MacAddress.local(0x1000 + i)));
        sim.run();
        assertThat(sw.macTable().size()).isEqualTo(MacTable.DEFAULT_CAPACITY);
        assertThat(sw.macTable().notLearnedTableFull()).isEqualTo(5);
        assertThat(sw.counters()).containsEntry("mac_table.full", 5L);
    }

    @Test
    void macTableSize_isASetting_pastItFramesToNewStationsFlood() {
        LearningSwitch small = new LearningSwitch(sim, "sw2", 3, MacTable.DEFAULT_AGING_NANOS, 2);
        Port[] h = new Port[3];
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            h[i] = new Port("s" + i + ":eth0", sim);
            int n = i;
            h[i].attach((f, now) -> got.add(n));
            Link.connect(sim, h[i], small.port("p" + (i + 1)), INSTANT);
        }
        h[0].transmit(frame(MacAddress.BROADCAST, H1));
        h[1].transmit(frame(MacAddress.BROADCAST, H2));
        h[2].transmit(frame(MacAddress.BROADCAST, H3));                  // the third station finds the table full
        sim.run();
        got.clear();
        h[0].transmit(frame(H3, H1));
        sim.run();
        assertThat(got).containsExactly(1, 2);                            // unknown: flooded
        assertThat(small.macTable().capacity()).isEqualTo(2);
        assertThat(small.counters()).containsEntry("mac_table.full", 1L).containsEntry("mac_table.moves", 0L);
    }

    @Test
    void aFrameWithABadFcs_isDroppedAtTheIngressPort_neverLearnedNorForwarded_ieee8023_3_2_9() {
        Frame good = frame(MacAddress.BROADCAST, H1);
        Frame corrupted = new Frame(good.bytes(), true);
        assertThat(send(1, corrupted)).isEmpty();
        assertThat(sw.port("p1").counters().drops(PortCounters.Drop.FCS_ERROR)).isEqualTo(1);
        assertThat(sw.counters("p1").rxFrames()).isZero();
        assertThat(sw.macTable().entries()).isEmpty();
        assertThat(send(1, good)).containsExactly(2, 3, 4);
    }
}
