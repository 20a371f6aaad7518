package io.wirelab.pcap;

import io.wirelab.buffer.Frame;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Capture files whose full buffers are written behind the simulation (AsynchronousFileChannel). */
class CaptureWriteBehindTest {
    private static final LinkParams GIGABIT = LinkParams.DEFAULT.withBandwidth(1_000_000_000L).withDelay(1_000).withQueueFrames(100);
    private static final int FRAMES = 3_000;                 // 1514 bytes each: 4.6 MB, many buffers of 256 KiB

    @TempDir Path dir;

    private final Simulator sim = new Simulator(1);
    private final Port pc1 = new Port("pc1:eth0", sim);
    private final Port pc2 = new Port("pc2:eth0", sim);

    CaptureWriteBehindTest() { Link.connect(sim, pc1, pc2, GIGABIT); }

    /** FRAMES frames of 1514 bytes, one every 20 us, each numbered in bytes 14..15. */
    private void traffic() {
        for (int i = 0; i < FRAMES; i++) {
            int n = i;
            sim.at(i * 20_000L, () -> {
                byte[] b = new byte[1514];
                Bytes.put16(b, 12, 0x88b5);
                Bytes.put16(b, 14, n);
                pc1.transmit(new Frame(b));
            });
        }
    }

    @Test
    void aBusyCaptureFile_isByteIdenticalToTheSameCaptureWrittenFrameByFrame() throws IOException {
        CaptureFiles files = new CaptureFiles(CaptureFiles.DEFAULT_LIMIT);
        Capture file = Capture.ofPort(dir, pc1, "same", files);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture stream = Capture.toStream(out, Capture.Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, "same").tap(pc1);
        traffic();
        sim.run();
        file.close();
        stream.close();
        assertThat(Files.size(file.file())).isGreaterThan(10L * CaptureStream.BUFFER_BYTES);
        assertThat(Files.readAllBytes(file.file())).isEqualTo(out.toByteArray());
        assertThat(file.failedWrites()).isZero();
    }

    @Test
    void aRunStoppedMidway_leavesEveryFrameRecordedSoFarInTheFile_evenWithTheThreadInterrupted() throws IOException {
        Capture c = Capture.ofPort(dir, pc1, null, new CaptureFiles(CaptureFiles.DEFAULT_LIMIT));
        traffic();
        sim.at(FRAMES / 2 * 20_000L + 1, sim::requestStop);
        assertThat(sim.run()).as("stopped").isFalse();
        Thread.currentThread().interrupt();                    // as a Ctrl-C might leave it
        try {
            c.flush();
            PcapFile midway = PcapReader.read(c.file());
            assertThat(midway.problem()).isEqualTo(PcapReader.Problem.NONE);
            assertThat(midway.records()).hasSize((int) c.frames()).hasSize(FRAMES / 2 + 1);
            c.close();
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for whoever asked").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(PcapReader.read(c.file()).records()).hasSize(FRAMES / 2 + 1);
    }

    /** The file is replaced by /dev/full once the capture runs: its first write behind fails with ENOSPC, in the JDK's pool. */
    @Test
    void aWriteBehindThatFails_isThrownNamingTheFile_andCounted_andTheCaptureNeverReportsSuccess() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        CaptureFiles files = new CaptureFiles(CaptureFiles.DEFAULT_LIMIT);
        Capture c = Capture.ofPort(dir, pc1, null, files);
        Files.delete(c.file());                                // the header is written; the open descriptor keeps it alive
        Files.createSymbolicLink(c.file(), full);              // the write behind reopens the path: now /dev/full
        traffic();
        assertThatThrownBy(sim::run).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("capture " + c.file()).hasMessageContaining("No space left on device");
        assertThat(c.failedWrites()).isEqualTo(1);
        assertThat(files.failedWrites()).isEqualTo(1);
        assertThatThrownBy(c::flush).isInstanceOf(IOException.class).hasMessageContaining("an earlier write failed");
        assertThatThrownBy(c::close).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        Files.delete(c.file());
    }
    /**
     * While the last buffer is still being written, a full one is filled on, up to holdBytes, instead of
     * waiting for it; once the write is done, the next full buffer goes out at once. The bytes are the same.
     */
    @Test
    void aFullBufferIsFilledOnWhileTheLastWriteIsInProgress_insteadOfWaiting() throws IOException {
        class SlowTarget implements BlockTarget {
            final ByteArrayOutputStream written = new ByteArrayOutputStream();
            final java.util.List<Integer> writes = new java.util.ArrayList<>();
            boolean writing;
            int waits;

            @Override public void write(byte[] buffer, int length) throws IOException { await(); written.write(buffer, 0, length); }
            @Override public void writeBehind(byte[] buffer, int length) throws IOException {
                await();
                written.write(buffer, 0, length);
                writes.add(length);
                writing = writes.size() == 1;                  // the first takes long, the rest are done at once
            }
            @Override public void await() {
                if (writing) waits++;
                writing = false;
            }
            @Override public boolean isWriting() { return writing; }
            @Override public int failedWrites() { return 0; }
            @Override public void close() {}
        }
        CaptureFiles files = new CaptureFiles(1);
        SlowTarget slow = new SlowTarget();
        CaptureStream held = CaptureStream.buffered(slow, files);
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        CaptureStream unbuffered = CaptureStream.unbuffered(direct);
        byte[] frame = new byte[1000];
        for (int i = 0; i < 2_000; i++) {
            frame[0] = (byte) i;
            for (CaptureStream s : java.util.List.of(held, unbuffered)) s.fiveFieldBlock(6, 0, 0, i, 1000, 1000, frame, 0, 1000);
        }
        held.close();
        int full = files.bufferBytes(), hold = files.holdBytes();
        assertThat(hold).isEqualTo(2 * full);
        assertThat(slow.writes.get(0)).isBetween(full, full + 1032);
        assertThat(slow.writes.get(1)).as("held while the first was written").isBetween(hold - CaptureStream.HOLD_ROOM_BYTES, hold);
        assertThat(slow.writes.get(2)).as("the second is done: written at once").isBetween(full, full + 1032);
        assertThat(slow.waits).as("only for the second, whose room ran out").isEqualTo(1);
        assertThat(slow.written.toByteArray()).isEqualTo(direct.toByteArray());
    }
}
