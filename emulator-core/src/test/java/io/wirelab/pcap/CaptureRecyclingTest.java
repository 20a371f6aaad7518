package io.wirelab.pcap;

import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A capture copies each frame into its block while it sees it, so it does not keep pooled frames from
 * going back to their pool (Frame.recycle): the captured bytes are those of a run in which a tap that
 * keeps frames stopped all recycling.
 */
class CaptureRecyclingTest {
    private static final int BYTES = 300_000;

    private record Run(byte[] capture, long reusedBySender, long returnedToSender) {}

    private static Run transfer(boolean alsoAKeepingTap) throws IOException {
        Simulator sim = new Simulator(7);
        Port pa = new Port("a:eth0", sim), pb = new Port("b:eth0", sim);
        Link.connect(sim, pa, pb, LinkParams.DEFAULT.withQueueFrames(20));
        NetworkStack a = new NetworkStack(sim, "a"), b = new NetworkStack(sim, "b");
        a.addInterface("eth0", pa, MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
        b.addInterface("eth0", pb, MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, null).tap(pa).tap(pb);
        if (alsoAKeepingTap) {
            FrameTap keeps = (port, direction, frame, now) -> {};
            pa.addTap(keeps);
            pb.addTap(keeps);
        }
        int[] received = {0};
        b.tcp().listen(80, s -> s.onReadable(() -> {
            byte[] buf = new byte[8192];
            for (int n; (n = s.read(buf)) > 0; ) received[0] += n;
        }));
        byte[] data = new byte[BYTES];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 + (i >> 9));
        int[] written = {0};
        a.tcp().connect(Ipv4Address.parse("10.0.0.2"), 80).thenAccept(s -> {
            Runnable fill = () -> written[0] += s.write(data, written[0], data.length - written[0]);
            s.onWritable(fill);
            fill.run();
        });
        sim.runUntil(() -> received[0] == BYTES, SimTime.seconds(60));
        c.close();
        return new Run(out.toByteArray(), a.framePool().reused(), a.framePool().returned());
    }

    @Test
    void capturedFramesStillGoBackToTheirPool_andTheCaptureIsTheSameAsWhenNoneDoes() throws IOException {
        Run recycling = transfer(false);
        Run sharing = transfer(true);
        assertThat(recycling.reusedBySender()).as("data frames built in arrays their receiver gave back").isGreaterThan(150);
        assertThat(sharing.returnedToSender()).as("a tap that keeps frames: none goes back").isZero();
        assertThat(recycling.capture()).hasSizeGreaterThan(BYTES).isEqualTo(sharing.capture());
    }
}
