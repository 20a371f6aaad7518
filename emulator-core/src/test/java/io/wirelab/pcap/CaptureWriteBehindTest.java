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
}
