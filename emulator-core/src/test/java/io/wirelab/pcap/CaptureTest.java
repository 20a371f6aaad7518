package io.wirelab.pcap;

import io.wirelab.buffer.Frame;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureTest {
    private static final long MS = 1_000_000L;
    /** 100 Mbit/s, 1 ms: a 42-byte frame takes (60 + 24) * 80 ns = 6,720 ns to serialize; 98 bytes 9,760 ns. */
    private static final LinkParams PARAMS = LinkParams.DEFAULT.withBandwidth(100_000_000L).withDelay(MS).withQueueFrames(1);

    @TempDir Path dir;

    private final Simulator sim = new Simulator(1);
    private final Port pc1 = new Port("pc1:eth0", sim);
    private final Port pc2 = new Port("pc2:eth0", sim);

    CaptureTest() {
        Link.connect(sim, pc1, pc2, PARAMS);
        pc2.attach((frame, now) -> {
            if (frame.length() == 98 && frame.bytes()[34] == 8) pc2.transmit(new Frame(TestFrames.echo(false, 1)));
        });
    }

    @Test
    void hostCapture_stampsOutboundAtTransmitStart_andInboundAtArrival() throws IOException {
        Capture c1 = Capture.ofPort(dir, pc1, null);
        Capture c2 = Capture.ofPort(dir, pc2, null);
        sim.at(5 * MS, () -> pc1.transmit(new Frame(TestFrames.echo(true, 1))));
        sim.run();
        c1.close();
        c2.close();
        assertThat(c1.file()).isEqualTo(dir.resolve("pc1-eth0.pcapng"));
        PcapFile f1 = PcapReader.read(c1.file());
        PcapFile f2 = PcapReader.read(c2.file());
        long requestArrives = 5 * MS + 9_760 + MS;
        assertThat(f1.records()).extracting(PcapRecord::timestampNanos).containsExactly(5 * MS, requestArrives + 9_760 + MS);
        assertThat(f2.records()).extracting(PcapRecord::timestampNanos).containsExactly(requestArrives, requestArrives);
        assertThat(f1.records()).extracting(PcapRecord::interfaceName).containsOnly("pc1:eth0");
        assertThat(f2.records()).extracting(PcapRecord::interfaceName).containsOnly("pc2:eth0");
        assertThat(c1.frames()).isEqualTo(2);
    }

    @Test
    void queuedFrames_areStampedWhenTheyLeave_andQueueDropsAreNotCaptured() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(pc1);
        for (int i = 0; i < 3; i++) pc1.transmit(new Frame(TestFrames.arpRequest()));   // queue holds 1: the third is dropped
        sim.run();
        c.close();
        assertThat(PcapReader.read(out.toByteArray()).records()).extracting(PcapRecord::timestampNanos).containsExactly(0L, 6_720L);
    }

    @Test
    void captureStartedWhileFramesWait_seesEachOneWhenItStartsOntoTheWire() throws IOException {
        LinkParams deep = PARAMS.withQueueFrames(10);
        Port a = new Port("a:eth0", sim), b = new Port("b:eth0", sim);
        Link.connect(sim, a, b, deep);
        for (int i = 0; i < 3; i++) a.transmit(new Frame(TestFrames.arpRequest()));   // the first starts at once, two wait
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(a);
        sim.run();
        c.close();
        assertThat(PcapReader.read(out.toByteArray()).records()).extracting(PcapRecord::timestampNanos)
                .containsExactly(6_720L, 13_440L);
    }

    @Test
    void combinedCapture_hasOneInterfacePerPort_andEachFrameFromBothEnds() throws IOException {
        Capture all = Capture.combined(dir, List.of(pc1, pc2), "lab test");
        pc1.transmit(new Frame(TestFrames.echo(true, 1)));
        sim.run();
        all.close();
        assertThat(all.file()).isEqualTo(dir.resolve("all.pcapng"));
        PcapFile f = PcapReader.read(all.file());
        assertThat(f.interfaces()).extracting(PcapInterface::name).containsExactly("pc1:eth0", "pc2:eth0");
        assertThat(f.records()).extracting(r -> r.interfaceName() + "@" + r.timestampNanos()).containsExactly(
                "pc1:eth0@0", "pc2:eth0@1009760", "pc2:eth0@1009760", "pc1:eth0@2019520");
        assertThat(Tshark.malformed(all.file())).isZero();
        assertThat(Tshark.badChecksums(all.file())).isZero();
        assertThat(Tshark.fields(all.file(), null, "frame.interface_name", "frame.time_epoch", "icmp.type")).containsExactly(
                List.of("pc1:eth0", "0.000000000", "8"), List.of("pc2:eth0", "0.001009760", "8"),
                List.of("pc2:eth0", "0.001009760", "0"), List.of("pc1:eth0", "0.002019520", "0"));
    }

    @Test
    void fileIsValidAtAnyMoment_andFlushWritesOutEveryFrameSoFar_evenIfTheLabStopsMidway() throws IOException {
        Capture c = Capture.ofPort(dir, pc1, null);
        pc1.transmit(new Frame(TestFrames.echo(true, 1)));
        sim.runUntil(MS);                                                  // the reply is not back yet; never closed
        assertThat(PcapReader.read(c.file()).problem()).as("whole blocks only, buffered or not").isEqualTo(PcapReader.Problem.NONE);
        c.flush();
        PcapFile partial = PcapReader.read(c.file());
        assertThat(partial.problem()).isEqualTo(PcapReader.Problem.NONE);
        assertThat(partial.records()).hasSize(1);
        assertThat(Tshark.frames(c.file())).isEqualTo(1);
        sim.run();
        c.flush();
        assertThat(PcapReader.read(c.file()).records()).hasSize(2);
        c.close();
    }

    @Test
    void captureStream_writesWholeBlocksOnly_whenFullOrTold() throws IOException {
        List<Integer> writes = new java.util.ArrayList<>();
        ByteArrayOutputStream disk = new ByteArrayOutputStream();
        WritableByteChannel channel = new WritableByteChannel() {
            final WritableByteChannel to = Channels.newChannel(disk);
            @Override public int write(ByteBuffer src) throws IOException { writes.add(src.remaining()); return to.write(src); }
            @Override public boolean isOpen() { return to.isOpen(); }
            @Override public void close() throws IOException { to.close(); }
        };
        CaptureStream s = CaptureStream.buffered(channel);
        byte[] block = new byte[1000];
        int blocks = 0;
        while (disk.size() == 0 && blocks < 1000) {                      // each block: started, filled, done
            s.startRecord();
            s.bytes(block, 0, 600);
            s.bytes(block, 600, 400);
            s.done();
            blocks++;
        }
        assertThat(blocks).as("at most 256 KiB wait").isLessThanOrEqualTo(CaptureStream.BUFFER_BYTES / 1000 + 1);
        assertThat(writes).allMatch(n -> n % 1000 == 0);
        record(s, block);
        s.flushNow();
        assertThat(disk.size()).isEqualTo((blocks + 1) * 1000);
        s.setImmediate(true);
        record(s, block);
        assertThat(disk.size()).as("a real-time lab's block goes out at once").isEqualTo((blocks + 2) * 1000);
        s.setImmediate(false);
        record(s, block);
        record(s, new byte[600_000]);
        assertThat(disk.size()).as("a block larger than the buffer goes out whole").isEqualTo((blocks + 3) * 1000 + 600_000);
        record(s, block);
        s.startRecord();
        s.bytes(block, 0, 500);                                          // never done: an error in the middle of a block
        s.close();
        assertThat(disk.size()).as("close writes out the rest, whole blocks only").isEqualTo((blocks + 4) * 1000 + 600_000);
        assertThat(writes).allMatch(n -> n % 1000 == 0);
        assertThat(channel.isOpen()).isFalse();
    }

    private static void record(CaptureStream s, byte[] block) throws IOException {
        s.startRecord();
        s.bytes(block, 0, block.length);
        s.done();
    }

    @Test
    void streamCapture_getsEachBlockInOneWrite_flushedAtOnce() throws IOException {
        List<Integer> writes = new java.util.ArrayList<>();
        int[] flushes = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override public synchronized void write(byte[] b, int off, int len) { writes.add(len); super.write(b, off, len); }
            @Override public void flush() { flushes[0]++; }
        };
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(pc1);
        int headers = writes.size();
        pc1.transmit(new Frame(TestFrames.echo(true, 1)));
        sim.runUntil(MS);
        assertThat(writes).hasSize(headers + 1);
        assertThat(writes.getLast()).as("one Enhanced Packet Block").isEqualTo(32 + 100);
        assertThat(flushes[0]).isGreaterThanOrEqualTo(writes.size());
        c.close();
    }

    @Test
    void close_removesTheTaps_andIsIdempotent() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(pc1);
        pc1.transmit(new Frame(TestFrames.arpRequest()));
        c.close();
        c.close();
        int size = out.size();
        sim.run();
        pc1.transmit(new Frame(TestFrames.arpRequest()));
        sim.run();
        assertThat(out.size()).isEqualTo(size);
        assertThat(c.frames()).isEqualTo(1);
    }

    @Test
    void commenter_addsPerFrameComments() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(pc1);
        c.setCommenter((port, direction, frame, now) -> direction == FrameTap.Direction.INBOUND ? "reply on " + port : null);
        pc1.transmit(new Frame(TestFrames.echo(true, 1)));
        sim.run();
        c.close();
        assertThat(PcapReader.read(out.toByteArray()).records()).extracting(PcapRecord::comment)
                .containsExactly(null, "reply on pc1:eth0");
    }

    @Test
    void classicPcap_recordsOnePort_andRefusesASecond() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.toStream(out, Capture.Format.PCAP, 65535, null).tap(pc1);
        assertThatThrownBy(() -> c.tap(pc2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pcapng");
        assertThatThrownBy(() -> c.writeDecryptionSecrets("x")).isInstanceOf(IllegalStateException.class);
        pc1.transmit(new Frame(TestFrames.echo(true, 1)));
        sim.run();
        c.close();
        PcapFile f = PcapReader.read(out.toByteArray());
        assertThat(f.format()).isEqualTo(PcapFile.Format.PCAP);
        assertThat(f.records()).extracting(PcapRecord::timestampNanos).containsExactly(0L, 2_019_520L);
    }

    @Test
    void aPortIsTappedOnce_perCapture() throws IOException {
        Capture c = Capture.toStream(new ByteArrayOutputStream(), Capture.Format.PCAPNG, 65535, null).tap(pc1);
        assertThatThrownBy(() -> c.tap(pc1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileNames_followNodeDashIface() {
        assertThat(Capture.fileName(pc1, Capture.Format.PCAPNG)).isEqualTo("pc1-eth0.pcapng");
        assertThat(Capture.fileName(new Port("sw1:p3", sim), Capture.Format.PCAP)).isEqualTo("sw1-p3.pcap");
    }

    @Test
    void sameSeedAndTraffic_giveByteIdenticalCaptures() throws IOException {
        byte[][] runs = new byte[2][];
        for (int r = 0; r < 2; r++) {
            Simulator s = new Simulator(3);
            Port a = new Port("pc1:eth0", s), b = new Port("pc2:eth0", s);
            Link.connect(s, a, b, PARAMS.withJitter(MS).withLoss(0.2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Capture c = Capture.toStream(out, Capture.Format.PCAPNG, 65535, null).tap(a).tap(b);
            for (int i = 0; i < 50; i++) { int seq = i; s.at(i * MS, () -> a.transmit(new Frame(TestFrames.echo(true, seq)))); }
            s.run();
            c.close();
            runs[r] = out.toByteArray();
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
    }
}
