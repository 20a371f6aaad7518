package io.wirelab.stack.tcp;

import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static io.wirelab.stack.tcp.TcpOverLinkTest.IP_B;
import static org.assertj.core.api.Assertions.assertThat;

/** Linux 6.12 tcp_rcv_space_adjust and tcp_sndbuf_expand: the arithmetic, then one flow over a long fat pipe. */
class BufferAutotuneTest {
    static final long MS = SimTime.MS;

    @Test void receive_growsOncePerRtt_whenTheAppReadMoreThanBefore_linuxTcpRcvSpaceAdjust() {
        BufferAutotune a = new BufferAutotune(6 << 20, 4 << 20);
        a.start(131072, 1460, 0, 0);                                 // space = min(131072, 10 x 1460) = 14600
        assertThat(a.onRead(50_000, 10 * MS, 1460, 131072, 5 * MS)).isZero();   // less than one RTT: no measurement
        // one RTT, 29200 read: rcvwin = 2 x 29200 + 16 x 1460 = 81760, + 2 x 81760 x (29200 - 14600) / 14600
        assertThat(a.onRead(29_200, 10 * MS, 1460, 50_000, 10 * MS)).isEqualTo(81760 * 3);
        assertThat(a.onRead(40_000, 10 * MS, 1460, 245280, 20 * MS)).isZero();   // 10800 read: not more than 29200
        assertThat(a.onRead(10_000_000, 10 * MS, 1460, 245280, 30 * MS)).isEqualTo(6 << 20);   // capped at tcp_rmem[2]
    }

    @Test void send_isTwoWindowsOfCwndOrTenSegments_cappedByTcpWmem2_linuxTcpSndbufExpand() {
        BufferAutotune a = new BufferAutotune(6 << 20, 4 << 20);
        assertThat(a.sendBufferFor(14600, 1448)).isEqualTo(2 * 14600);
        assertThat(a.sendBufferFor(100_000, 1448)).isEqualTo(200_000);
        assertThat(a.sendBufferFor(10_000_000, 1448)).isEqualTo(4 << 20);
    }

    @Test void linuxProfileAutotunes_textbookDoesNot() {
        assertThat(TcpProfile.LINUX.options().autotune()).isTrue();
        assertThat(TcpProfile.TEXTBOOK.options().autotune()).isFalse();
    }

    @Test void windowScale_coversTheAutotuningMaximum_linuxTcpSelectInitialWindow() {
        TcpHarness t = new TcpHarness();
        t.tcp.connect(TcpHarness.PEER, 80, TcpOptions.defaults().withReceiveBuffer(131072).withAutotune(true));
        assertThat(t.sent().h().windowScale()).isEqualTo(7);        // 6 MiB >> 7 fits 16 bits
    }

    /** 1 Gbit/s, 25 ms each way: the bandwidth-delay product is 6.25 MB, far above 256 KiB buffers. */
    static long goodputMbps(TcpOptions opts) {
        TcpOverLinkTest.Net t = new TcpOverLinkTest.Net(9, LinkParams.DEFAULT.withBandwidth(1_000_000_000L)
                .withDelay(25 * MS).withQueueFrames(5000));
        TcpOverLinkTest.Sink sink = new TcpOverLinkTest.Sink();
        t.b.tcp().listen(5001, opts, 16, s -> sink.attach(s, t.sim));
        byte[] data = new byte[30_000_000];
        CompletableFuture<TcpSocket> f = t.a.tcp().connect(IP_B, 5001, opts);
        long[] start = new long[1];
        f.thenAccept(s -> { start[0] = t.sim.now(); TcpOverLinkTest.sendAll(s, data); });
        assertThat(t.sim.runUntil(() -> sink.eof, SimTime.seconds(120))).isTrue();
        assertThat(sink.bytes).isEqualTo(data.length);
        return data.length * 8L / ((sink.lastByteAt - start[0]) / 1000);     // bits per microsecond = Mbit/s
    }

    @Test void longFatPipe_oneFlowWithAutotuning_farOutrunsFixedBuffers() {
        TcpOptions fixed = TcpOptions.defaults().withAutotune(false);
        TcpOptions tuned = TcpOptions.defaults().withReceiveBuffer(131072).withSendBuffer(16384).withAutotune(true);
        long fixedMbps = goodputMbps(fixed), tunedMbps = goodputMbps(tuned);
        assertThat(fixedMbps).isLessThan(50);                        // 256 KiB per 50 ms RTT: about 42 Mbit/s
        assertThat(tunedMbps).as("fixed %d Mbit/s, tuned %d Mbit/s", fixedMbps, tunedMbps).isGreaterThan(8 * fixedMbps);
    }
}
