package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.FIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Buffers take storage as bytes arrive, not their 256 KiB capacity up front, and give it back in TIME-WAIT. */
class TcpBufferStorageTest {
    @Test void byteRing_growsByDoubling_thenByChunks_upToItsCapacity_andReleasesWhenEmpty() {
        ByteRing r = new ByteRing(20_000);
        assertThat(r.arrayLength()).isZero();
        r.write(new byte[100], 0, 100);
        assertThat(r.arrayLength()).isEqualTo(ByteRing.FIRST_STORAGE);
        assertThat(r.write(new byte[50_000], 0, 50_000)).isEqualTo(19_900);
        assertThat(r.arrayLength()).as("the capacity rounded up to whole chunks").isEqualTo(2 * ByteRing.CHUNK);
        r.release();
        assertThat(r.arrayLength()).as("bytes still held").isEqualTo(2 * ByteRing.CHUNK);
        r.skip(20_000);
        r.release();
        assertThat(r.arrayLength()).isZero();
        assertThat(r.read(new byte[10], 0, 10)).isZero();
    }

    @Test void byteRing_keepsOrderAcrossGrowthAndWraparound() {
        ByteRing r = new ByteRing(10_000);
        byte[] in = new byte[10_000];
        for (int i = 0; i < in.length; i++) in[i] = (byte) (i * 7);
        r.write(in, 0, 3000);
        byte[] out = new byte[10_000];
        r.read(out, 0, 2500);
        r.write(in, 3000, 7000);                              // grows while the head is not at 0
        r.read(out, 2500, 7500);
        assertThat(out).isEqualTo(in);
    }

    /** Chunks added while the bytes wrap around, in every phase of head and tail, against the written stream. */
    @Test void byteRing_keepsOrder_whileChunksAreAddedBehindWrappedBytes() {
        java.util.Random rnd = new java.util.Random(14);
        ByteRing r = new ByteRing(1 << 22);
        long written = 0, read = 0;
        int most = 0;
        for (int round = 0; round < 2000; round++) {
            int len = rnd.nextInt(3 * ByteRing.CHUNK / 2);
            if (rnd.nextBoolean()) {
                assertThat(r.write(stream(written, len), 0, len)).isEqualTo(len);
                written += len;
            } else {
                int n = (int) Math.min(len, written - read);
                int from = rnd.nextInt(n + 1) / 2;
                byte[] peeked = new byte[n - from];
                r.peek(from, peeked, 0, n - from);
                assertThat(peeked).as("round %d", round).isEqualTo(stream(read + from, n - from));
                byte[] out = new byte[n];
                assertThat(r.read(out, 0, n)).isEqualTo(n);
                assertThat(out).as("round %d", round).isEqualTo(stream(read, n));
                read += n;
            }
            assertThat(r.size()).isEqualTo(written - read);
            most = Math.max(most, r.size());
            assertThat(r.arrayLength()).as("whole chunks for the most bytes held, no doubling")
                    .isLessThanOrEqualTo(Math.max(ByteRing.CHUNK, (most + ByteRing.CHUNK - 1) / ByteRing.CHUNK * ByteRing.CHUNK));
        }
        assertThat(r.arrayLength()).isGreaterThan(4 * ByteRing.CHUNK);
    }

    /** The bytes at stream positions [at, at + len): a position-dependent pattern, so any reordering shows. */
    private static byte[] stream(long at, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) b[i] = (byte) ((at + i) * 31 + ((at + i) >>> 8));
        return b;
    }

    @Test void byteRing_elastic_storesPastItsCapacity() {
        ByteRing r = new ByteRing(4096, true);
        assertThat(r.write(new byte[6000], 0, 6000)).isEqualTo(6000);
        assertThat(r.free()).isZero();
        assertThat(r.arrayLength()).isGreaterThanOrEqualTo(6000);
    }

    @Test void connection_holdsStorageForItsBytesOnly_andNoneInTimeWait() {
        TcpHarness t = TcpHarness.established();
        assertThat(t.socket.bufferStorage()).isZero();
        assertThat(t.write(3000)).isEqualTo(3000);
        t.sent();
        t.sent();                                             // Nagle holds the last 80 bytes
        t.peerSends(2000, t.iss + 1 + 2920);
        byte[] b = new byte[4000];
        assertThat(t.socket.read(b)).isEqualTo(2000);
        assertThat(t.socket.bufferStorage()).as("each ring as large as its first write needed").isEqualTo(3000 + 2000);
        t.socket.close();
        var fin = t.nextSent(SimTime.seconds(1));
        while (!fin.has(FIN)) fin = t.nextSent(SimTime.seconds(1));
        int finSeq = fin.seq();
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(finSeq + 1));
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(t.socket.bufferStorage()).isZero();
    }
}
