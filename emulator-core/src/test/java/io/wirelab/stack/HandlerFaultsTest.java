package io.wirelab.stack;

import io.wirelab.buffer.Frame;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.link.PortCounters;
import io.wirelab.sim.HandlerFaults;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import io.wirelab.wire.ipv4.Ipv4Header;
import io.wirelab.wire.udp.UdpHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12 finding 2: an exception in one device's frame handler drops that frame only, counted and reported once. */
class HandlerFaultsTest {
    static final Ipv4Address X = Ipv4Address.parse("10.0.0.7"), B = Ipv4Address.parse("10.0.0.2");
    static final MacAddress MAC_X = MacAddress.local(7), MAC_B = MacAddress.local(2);

    final Simulator sim = new Simulator(3);
    final Port raw = new Port("x:eth0", sim), pb = new Port("b:eth0", sim);
    final NetworkStack b = new NetworkStack(sim, "b");
    final List<String> received = new ArrayList<>();
    final List<String> reported = new ArrayList<>();

    HandlerFaultsTest() {
        Link.connect(sim, raw, pb, LinkParams.DEFAULT);
        b.addInterface("eth0", pb, MAC_B).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        b.udp().bind(Ipv4Address.ANY, 9, (d, now) -> {
            String text = new String(d.data(), StandardCharsets.US_ASCII);
            if (text.equals("boom")) throw new IllegalStateException("cannot handle " + text);
            received.add(text);
        });
        sim.faults().onNewFault(reported::add);
    }

    void inject(String payload) { inject(4000, payload); }

    void inject(int sourcePort, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.US_ASCII);
        byte[] udp = new byte[8 + data.length];
        System.arraycopy(data, 0, udp, 8, data.length);
        new UdpHeader(sourcePort, 9, data.length).emit(udp, 0, X, B);
        byte[] f = new byte[Math.max(60, 34 + udp.length)];
        new EthernetHeader(MAC_B, MAC_X, EtherType.IPV4).emit(f, 0);
        new Ipv4Header(0, 1, false, false, 0, 64, IpProtocol.UDP, X, B, udp.length).emit(f, 14);
        System.arraycopy(udp, 0, f, 34, udp.length);
        raw.transmit(new Frame(f));
        sim.runFor(SimTime.millis(1));
    }

    @Test void aThrowingHandler_dropsThatFrameOnly_andTheStackGoesOn() {
        inject("before");
        inject("boom");
        inject(4001, "boom");                                               // the same fault from another port: not a new line
        inject("after");
        assertThat(received).containsExactly("before", "after");
        HandlerFaults faults = sim.faults();
        assertThat(faults.total()).isEqualTo(2);
        assertThat(faults.byDevice()).containsExactly(java.util.Map.entry("b", 2L));
        assertThat(pb.counters().drops(PortCounters.Drop.HANDLER_FAULT)).isEqualTo(2);
        assertThat(reported).singleElement().asString()
                .startsWith("b: dropped a frame it failed to handle (udp 10.0.0.7:4000 > 10.0.0.2:9): IllegalStateException: cannot handle boom at HandlerFaultsTest.")
                .doesNotContain("\n");
        assertThat(faults.lines()).singleElement().asString().endsWith("(2 frames, first at 0.001000672 s)");
        assertThat(faults.counts().keySet()).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo("udp"));
    }

    @Test void aThrowingHandlerOnLoopback_isCountedUnderTheHost() {
        b.udp().bind(Ipv4Address.ANY, 10, (d, now) -> { throw new IllegalArgumentException("loop"); });
        b.ipv4().send(null, B, IpProtocol.UDP, udpTo(10), 0, 8);
        sim.runFor(SimTime.millis(1));
        assertThat(b.counters().drops(Ipv4Drop.HANDLER_FAULT)).isEqualTo(1);
        assertThat(reported).singleElement().asString().startsWith("b: dropped a frame it failed to handle (ipv4 loopback UDP): IllegalArgumentException: loop");
    }

    private static byte[] udpTo(int port) {
        byte[] u = new byte[8];
        new UdpHeader(5000, port, 0).emit(u, 0, B, B);
        return u;
    }
}
