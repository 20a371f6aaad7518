package io.wirelab.pcap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureFilesTest {
    @Test void moreStreamsThanTheLimit_holdAtMostLimitOpen_andEveryByteArrives(@TempDir Path dir) throws Exception {
        CaptureFiles files = new CaptureFiles(3);
        List<BlockTarget> streams = new ArrayList<>();
        for (int i = 0; i < 10; i++) streams.add(files.create(dir.resolve("f" + i)));
        assertThat(files.openNow()).as("nothing opened before the first write").isZero();
        for (int round = 0; round < 4; round++)
            for (int i = 0; i < 10; i++) write(streams.get(i), "r" + round + "f" + i + ";");
        assertThat(files.mostOpen()).isEqualTo(3);
        for (BlockTarget s : streams) s.close();
        assertThat(files.openNow()).isZero();
        for (int i = 0; i < 10; i++)
            assertThat(Files.readString(dir.resolve("f" + i))).isEqualTo("r0f" + i + ";r1f" + i + ";r2f" + i + ";r3f" + i + ";");
    }

    @Test void anOldFile_isReplaced_notAppendedTo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("old"), "from the last run");
        try (BlockTarget s = new CaptureFiles(1).create(dir.resolve("old"))) {
            write(s, "new");
        }
        assertThat(Files.readString(dir.resolve("old"))).isEqualTo("new");
    }

    /** Renamed and deleted on another thread, not truncated on the simulation's: the capture is a new file. */
    @Test void aLargeFileFromAnEarlierRun_isSetAsideAndDeletedBehind_leavingNothingHiddenAfterClose(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("pc1-eth0.pcapng");
        Files.write(capture, new byte[(int) CaptureFiles.SET_ASIDE_BYTES]);
        Files.writeString(dir.resolve(".pc1-eth0.pcapng.earlier"), "left by a run that crashed");
        Object earlierFile = Files.readAttributes(capture, BasicFileAttributes.class).fileKey();
        BlockTarget s = new CaptureFiles(1).create(capture);
        write(s, "new");
        assertThat(Files.readString(capture)).as("the new capture is in place from its first write").isEqualTo("new");
        assertThat(Files.readAttributes(capture, BasicFileAttributes.class).fileKey())
                .as("a new file, not the earlier one truncated").isNotNull().isNotEqualTo(earlierFile);
        s.close();
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("pc1-eth0.pcapng");
        }
    }

    @Test void discard_deletesWhatItCreated_only(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine-not"), "keep");
        CaptureFiles files = new CaptureFiles(2);
        for (String n : List.of("a", "b", "c")) write(files.create(dir.resolve(n)), "1");
        files.create(dir.resolve("never-written"));
        files.discard();
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("mine-not");
        }
    }

    @Test void pcapngCapturesThroughBoundedFiles_stayValid(@TempDir Path dir) throws Exception {
        CaptureFiles files = new CaptureFiles(1);
        List<PcapngWriter> writers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PcapngWriter w = new PcapngWriter(CaptureStream.buffered(files.create(dir.resolve(i + ".pcapng")), files), "test");
            w.addInterface("if" + i, 1500);
            writers.add(w);
        }
        for (int n = 0; n < 5; n++) for (PcapngWriter w : writers) w.writePacket(0, n * 1000L, new byte[60]);
        for (PcapngWriter w : writers) w.close();
        for (int i = 0; i < 3; i++) {
            PcapFile f = PcapReader.read(dir.resolve(i + ".pcapng"));
            assertThat(f.isComplete()).isTrue();
            assertThat(f.records()).hasSize(5);
        }
    }

    @Test void manyCaptures_shareOneBufferBudget_soTheirBuffersStaySmall(@TempDir Path dir) {
        CaptureFiles files = new CaptureFiles(8);
        for (int i = 0; i < 2; i++) files.create(dir.resolve("f" + i));
        assertThat(files.bufferBytes()).as("a lab with two captures").isEqualTo(CaptureStream.BUFFER_BYTES);
        for (int i = 2; i < 1_024; i++) files.create(dir.resolve("f" + i));
        assertThat(files.bufferBytes()).as("two buffers each within the budget").isEqualTo(32 * 1024);
        for (int i = 1_024; i < 10_000; i++) files.create(dir.resolve("f" + i));
        assertThat(files.bufferBytes()).isEqualTo(CaptureFiles.MIN_BUFFER_BYTES);
        assertThat(files.openNow()).as("creating opens nothing").isZero();
    }

    private static void write(BlockTarget file, String text) throws IOException {
        byte[] b = text.getBytes();
        file.write(b, b.length);
    }
}
