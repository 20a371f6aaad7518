package io.wirelab.stack;

import io.wirelab.buffer.Frame;
import io.wirelab.buffer.FramePool;
import io.wirelab.link.FloodBatch;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frame TCP built in a pooled array goes back to the pool when its one receiver is done, and only
 * then: a frame a tap saw, a link sent twice or a flood sent to many is never reused while they hold it.
 */
class FrameRecyclingTest {
    static final int BYTES = 300_000;

    /** Two hosts on one cable; pa and pb are their ports. */
    static final class Pair {
        final Simulator sim = new Simulator(7);
        final Port pa = new Port("a:eth0", sim), pb = new Port("b:eth0", sim);
        final NetworkStack a = new NetworkStack(sim, "a"), b = new NetworkStack(sim, "b");

        Pair(LinkParams link) {
            Link.connect(sim, pa, pb, link);
            a.addInterface("eth0", pa, MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
            b.addInterface("eth0", pb, MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        }

        /** Sends BYTES of a pattern from a to b; returns what b read. */
        byte[] transfer() {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            b.tcp().listen(80, s -> s.onReadable(() -> {
                byte[] buf = new byte[8192];
                for (int n; (n = s.read(buf)) > 0; ) received.write(buf, 0, n);
            }));
            byte[] data = pattern();
            int[] written = {0};
            a.tcp().connect(Ipv4Address.parse("10.0.0.2"), 80).thenAccept(s -> {
                Runnable fill = () -> written[0] += s.write(data, written[0], data.length - written[0]);
                s.onWritable(fill);
                fill.run();
            });
            sim.runUntil(() -> received.size() == BYTES, SimTime.seconds(60));
            return received.toByteArray();
        }
    }

    static byte[] pattern() {
        byte[] d = new byte[BYTES];
        for (int i = 0; i < d.length; i++) d[i] = (byte) (i * 31 + (i >> 9));
        return d;
    }

    /** A tap that keeps every frame it sees and a copy of its bytes as they were then. */
    static final class KeepingTap implements FrameTap {
        final List<Frame> frames = new ArrayList<>();
        final List<byte[]> copies = new ArrayList<>();

        @Override public void onFrame(Port port, Direction direction, Frame frame, long now) {
            frames.add(frame);
            copies.add(frame.bytes().clone());
        }

        void assertUnchanged() {
            assertThat(frames).hasSizeGreaterThan(200);
            for (int i = 0; i < frames.size(); i++)
                assertThat(Arrays.equals(frames.get(i).bytes(), copies.get(i))).as("frame %d is as the tap saw it", i).isTrue();
        }
    }

    @Test void withoutTaps_theFramesGoBackToTheSendersPool_andTheDataArrivesIntact() {
        Pair p = new Pair(LinkParams.DEFAULT);
        assertThat(p.transfer()).isEqualTo(pattern());
        FramePool pool = p.a.framePool();
        assertThat(pool.reused()).as("data frames built in arrays their receiver gave back").isGreaterThan(150);
        assertThat(p.b.framePool().reused()).as("ACKs too").isGreaterThan(50);
    }

    @Test void aFrameTheSendersTapSaw_isNeverReused() {
        Pair p = new Pair(LinkParams.DEFAULT);
        KeepingTap tap = new KeepingTap();
        p.pa.addTap(tap);
        assertThat(p.transfer()).isEqualTo(pattern());
        tap.assertUnchanged();
        assertThat(p.a.framePool().returned()).isZero();
        assertThat(p.b.framePool().returned()).isZero();
    }

    @Test void aFrameTheReceiversTapSaw_isNeverReused() {
        Pair p = new Pair(LinkParams.DEFAULT);
        KeepingTap tap = new KeepingTap();
        p.pb.addTap(tap);
        assertThat(p.transfer()).isEqualTo(pattern());
        tap.assertUnchanged();
        assertThat(p.a.framePool().returned()).isZero();
    }

    @Test void aFrameALinkSendsTwice_isNeverReused() {
        Pair p = new Pair(LinkParams.DEFAULT.withDuplicate(1.0));
        assertThat(p.transfer()).isEqualTo(pattern());
        assertThat(p.a.framePool().returned()).isZero();
        assertThat(p.b.framePool().returned()).isZero();
    }

    @Test void aFloodedFrame_isShared_aUnicastOneIsNot() {
        Simulator sim = new Simulator(1);
        Port from = new Port("s:p1", sim), to = new Port("h:eth0", sim);
        Link.connect(sim, from, to, LinkParams.DEFAULT);
        FramePool pool = new FramePool();
        Frame unicast = new Frame(pool.take(100), false, true, pool), flooded = new Frame(pool.take(100), false, true, pool);
        from.transmit(unicast);
        FloodBatch batch = new FloodBatch(sim, "flood");
        batch.open();
        from.transmit(flooded, batch);
        batch.schedule();
        assertThat(unicast.recyclable()).isTrue();
        assertThat(flooded.recyclable()).isFalse();
    }

    @Test void framesBuiltInRecycledArrays_carryTheSameBytes_asInNewOnes() {
        List<byte[]> fresh = captureAtReceiver(false), reused = captureAtReceiver(true);
        assertThat(reused).hasSameSizeAs(fresh);
        for (int i = 0; i < fresh.size(); i++) assertThat(reused.get(i)).as("frame %d", i).isEqualTo(fresh.get(i));
    }

    /** Every frame at b's port; with garbage, both pools start full of arrays of the common lengths holding 0xa5. */
    private static List<byte[]> captureAtReceiver(boolean garbage) {
        Pair p = new Pair(LinkParams.DEFAULT);
        if (garbage) {
            for (FramePool pool : List.of(p.a.framePool(), p.b.framePool()))
                for (int length : new int[] {1514, 66, 74, 78})
                    for (int k = 0; k < FramePool.DEPTH; k++) {
                        byte[] a = new byte[length];
                        Arrays.fill(a, (byte) 0xa5);
                        new Frame(a, false, true, pool).recycle();
                    }
            assertThat(p.a.framePool().held()).isEqualTo(FramePool.BUCKETS * FramePool.DEPTH);
        }
        KeepingTap tap = new KeepingTap();
        p.pb.addTap(tap);
        assertThat(p.transfer()).isEqualTo(pattern());
        if (garbage) assertThat(p.a.framePool().reused()).isGreaterThan(60);
        return tap.copies;
    }
}
