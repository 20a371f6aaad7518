package io.wirelab.wire;

import io.wirelab.wire.arp.ArpView;
import io.wirelab.wire.ethernet.EthernetView;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.icmpv4.Icmpv4View;
import io.wirelab.wire.ipv4.Ipv4Header;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.udp.UdpView;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** validate() never throws, and accessors never throw after NONE, on random and mutated bytes. */
class HostileBytesTest {
    @Test void randomAndMutatedFrames_neverThrow() {
        SplittableRandom r = new SplittableRandom(7);
        byte[][] seeds = {CaptureVectors.ARP_REQUEST, CaptureVectors.ECHO_REQUEST, CaptureVectors.UDP_DNS_QUERY};
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) { b = new byte[r.nextInt(0, 120)]; r.nextBytes(b); }
            else {
                byte[] s = seeds[r.nextInt(seeds.length)];
                b = java.util.Arrays.copyOf(s, r.nextInt(0, s.length + 4));
                for (int k = r.nextInt(1, 4); k > 0 && b.length > 0; k--) b[r.nextInt(b.length)] = (byte) r.nextInt();
            }
            int off = b.length > 0 ? r.nextInt(0, b.length) : 0;
            int len = r.nextInt(0, b.length - off + 3);   // sometimes past the end
            if (touchAll(b, off, len)) accepted++;
            assertThat(PacketPrinter.print(b, 0, b.length)).isNotNull();
        }
        assertThat(accepted).isPositive();
    }

    private static boolean touchAll(byte[] b, int off, int len) {
        boolean any = false;
        EthernetView e = new EthernetView().wrap(b, off, len);
        if (e.validate() == Malformed.NONE) { e.source(); e.destination(); e.etherType(); any = true; }
        ArpView a = new ArpView().wrap(b, off, len);
        if (a.validate() == Malformed.NONE) { a.senderMac(); a.targetIp(); a.operation(); any = true; }
        Ipv4View ip = new Ipv4View().wrap(b, off, len);
        if (ip.validate() == Malformed.NONE) {
            ip.checksumValid(); Ipv4Header.from(ip);
            any = true;
        }
        Icmpv4View ic = new Icmpv4View().wrap(b, off, len);
        if (ic.validate() == Malformed.NONE) { ic.checksumValid(); Icmpv4Message.from(ic); any = true; }
        UdpView u = new UdpView().wrap(b, off, len);
        if (u.validate() == Malformed.NONE) { u.checksumValid(1, 2); u.payloadLength(); any = true; }
        return any;
    }
}
