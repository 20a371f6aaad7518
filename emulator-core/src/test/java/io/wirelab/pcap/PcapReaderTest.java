package io.wirelab.pcap;

import io.wirelab.testing.SharedCaptures;
import io.wirelab.testing.Tshark;
import io.wirelab.wire.Bytes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PcapReaderTest {
    private static byte[] twoPackets() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            int id = w.addInterface("pc1:eth0", 1500);
            w.writePacket(id, 10, TestFrames.arpRequest());
            w.writePacket(id, 20, TestFrames.arpReply());
        }
        return out.toByteArray();
    }

    @Test
    void empty_and_garbage_areReportedNotThrown() {
        assertThat(PcapReader.read(new byte[0]).problem()).isEqualTo(PcapReader.Problem.EMPTY);
        assertThat(PcapReader.read(new byte[] {1, 2}).problem()).isEqualTo(PcapReader.Problem.TRUNCATED);
        assertThat(PcapReader.read("hello, world".getBytes()).problem()).isEqualTo(PcapReader.Problem.BAD_MAGIC);
    }

    @Test
    void badBlockLength_stopsThere_keepingEarlierRecords() throws IOException {
        byte[] b = twoPackets();
        int shb = Bytes.le32(b, 4);
        int idb = Bytes.le32(b, shb + 4);
        int firstEpb = shb + idb;
        int secondEpb = firstEpb + Bytes.le32(b, firstEpb + 4);
        Bytes.putLe32(b, secondEpb + 4, 13);                          // not a multiple of 4
        PcapFile f = PcapReader.read(b);
        assertThat(f.problem()).isEqualTo(PcapReader.Problem.BAD_BLOCK_LENGTH);
        assertThat(f.problemOffset()).isEqualTo(secondEpb);
        assertThat(f.records()).hasSize(1);
    }

    @Test
    void captureLengthBeyondBlock_isRejected() throws IOException {
        byte[] b = twoPackets();
        int firstEpb = Bytes.le32(b, 4) + Bytes.le32(b, Bytes.le32(b, 4) + 4);
        Bytes.putLe32(b, firstEpb + 20, 5000);                        // captured length
        assertThat(PcapReader.read(b).problem()).isEqualTo(PcapReader.Problem.BAD_CAPTURE_LENGTH);
    }

    @Test
    void packetForAnUndeclaredInterface_isRejected() throws IOException {
        byte[] b = twoPackets();
        int firstEpb = Bytes.le32(b, 4) + Bytes.le32(b, Bytes.le32(b, 4) + 4);
        Bytes.putLe32(b, firstEpb + 8, 3);
        assertThat(PcapReader.read(b).problem()).isEqualTo(PcapReader.Problem.UNKNOWN_INTERFACE);
    }

    @Test
    void everyTruncation_neverThrows_andKeepsWholeBlocksOnly() throws IOException {
        byte[] b = twoPackets();
        for (int n = 0; n < b.length; n++) {
            PcapFile f = PcapReader.read(Arrays.copyOf(b, n));
            assertThat(f.records().size()).isLessThanOrEqualTo(2);
            for (PcapRecord r : f.records()) assertThat(r.data().length).isEqualTo(42);
        }
    }

    @Test
    void timestampResolutions_convertToNanoseconds() {
        assertThat(PcapReader.toNanos(1_500_000, false, 6)).isEqualTo(1_500_000_000L);
        assertThat(PcapReader.toNanos(123, false, 9)).isEqualTo(123);
        assertThat(PcapReader.toNanos(1_234_567_891_234L, false, 12)).isEqualTo(1_234_567_891L);
        assertThat(PcapReader.toNanos(3L << 30, true, 30)).isEqualTo(3_000_000_000L);
    }

    @Test
    void sharedCaptures_matchTshark_frameByFrame() throws IOException {
        List<Path> files = SharedCaptures.all();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            PcapFile f = PcapReader.read(file);
            assertThat(f.problem()).as(file.toString()).isEqualTo(PcapReader.Problem.NONE);
            List<List<String>> rows = Tshark.fields(file, null, "frame.time_epoch", "frame.len", "frame.cap_len", "frame.interface_name");
            assertThat(f.records()).as(file.toString()).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                PcapRecord r = f.records().get(i);
                List<String> row = rows.get(i);
                String where = file.getFileName() + " frame " + (i + 1);
                assertThat(new BigDecimal(row.get(0)).movePointRight(9).longValueExact()).as(where).isEqualTo(r.timestampNanos());
                assertThat(r.originalLength()).as(where).isEqualTo(Integer.parseInt(row.get(1)));
                assertThat(r.capturedLength()).as(where).isEqualTo(Integer.parseInt(row.get(2)));
                assertThat(r.interfaceName()).as(where).isEqualTo(row.get(3));
            }
        }
    }

    @Test
    void sharedDsbCapture_carriesTheTls13KeyLog() throws IOException {
        PcapFile f = PcapReader.read(SharedCaptures.file("https-tls13-dsb.pcapng"));
        assertThat(f.secrets()).hasSize(1);
        assertThat(f.secrets().getFirst().type()).isEqualTo(PcapngWriter.SECRETS_TLS_KEY_LOG);
        assertThat(f.secrets().getFirst().text()).isEqualTo(Files.readString(SharedCaptures.file("https-tls13.keys")));
    }

    @Test
    void decryptionSecretsWritten_letTsharkDecryptTls13_withNoOptions(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        PcapFile original = PcapReader.read(SharedCaptures.file("https-tls13.pcapng"));
        String keys = Files.readString(SharedCaptures.file("https-tls13.keys"));
        Path out = dir.resolve("tls13-with-secrets.pcapng");
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(out))) {
            int id = w.addInterface(original.interfaces().getFirst().name(), original.interfaces().getFirst().snaplen() == 0
                    ? PcapngWriter.DEFAULT_SNAPLEN : original.interfaces().getFirst().snaplen());
            w.writeDecryptionSecrets(keys);
            for (PcapRecord r : original.records()) w.writePacket(id, r.timestampNanos(), r.data(), 0, r.data().length, null);
        }
        assertThat(PcapReader.read(out).secrets()).extracting(DecryptionSecrets::text).containsExactly(keys);
        assertThat(Tshark.fields(out, "http", "frame.number", "http.request.method", "http.response.code"))
                .containsExactly(List.of("13", "GET", ""), List.of("14", "", "200"));
        assertThat(Tshark.count(SharedCaptures.file("https-tls13.pcapng"), "http")).isZero();
    }

    /** A classic pcap of `records` zero-filled 65,535-byte frames, generated as it is read (nothing held). */
    static InputStream generatedPcap(long records) {
        return new InputStream() {
            static final int RECORD = 16 + 65_535;
            final byte[] header = new byte[24];
            final byte[] recordHeader = new byte[16];
            long at;
            final long length = 24 + records * RECORD;
            {
                Bytes.putLe32(header, 0, PcapWriter.MAGIC_NANOS);
                Bytes.putLe16(header, 4, 2);
                Bytes.putLe16(header, 6, 4);
                Bytes.putLe32(header, 16, 65_535);
                Bytes.putLe32(header, 20, 1);
                Bytes.putLe32(recordHeader, 8, 65_535);
                Bytes.putLe32(recordHeader, 12, 65_535);
            }
            @Override public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
            @Override public int read(byte[] dst, int off, int len) {
                if (at >= length) return -1;
                int n = (int) Math.min(len, length - at);
                for (int i = 0; i < n; i++, at++) {
                    if (at < 24) { dst[off + i] = header[(int) at]; continue; }
                    long inRecord = (at - 24) % RECORD;
                    if (inRecord >= 16) {                                   // a run of frame bytes: zeros
                        int run = (int) Math.min(n - i, RECORD - inRecord);
                        Arrays.fill(dst, off + i, off + i + run, (byte) 0);
                        i += run - 1;
                        at += run - 1;
                    } else {
                        dst[off + i] = recordHeader[(int) inRecord];
                    }
                }
                return n;
            }
        };
    }

    @Test
    void aCaptureOver2GiB_streamsInBoundedMemory_holdingOneBlockAtATime() throws IOException {
        long records = (Integer.MAX_VALUE / (16 + 65_535)) + 100;            // 2.15 GB
        long frames = 0, bytes = 0;
        try (PcapReader r = PcapReader.open(generatedPcap(records))) {
            for (PcapRecord rec = r.next(); rec != null; rec = r.next()) {
                frames++;
                bytes += rec.capturedLength();
                assertThat(r.blockBufferBytes()).isLessThanOrEqualTo(2 * (16 + 65_535));
            }
            assertThat(r.problem()).isEqualTo(PcapReader.Problem.NONE);
            assertThat(r.problemOffset()).isEqualTo(24 + records * (16 + 65_535)).isGreaterThan(Integer.MAX_VALUE);
        }
        assertThat(frames).isEqualTo(records);
        assertThat(bytes).isEqualTo(records * 65_535);
    }

    @Test
    void aBlockClaimingMoreThanTheLimit_stopsWithBlockTooLarge_withoutAllocatingIt() throws IOException {
        byte[] b = twoPackets();
        int shb = Bytes.le32(b, 4);
        int idb = Bytes.le32(b, shb + 4);
        Bytes.putLe32(b, shb + idb + 4, 0x7fff_fffc);
        try (PcapReader r = PcapReader.open(new java.io.ByteArrayInputStream(b))) {
            assertThat(r.next()).isNull();
            assertThat(r.problem()).isEqualTo(PcapReader.Problem.BLOCK_TOO_LARGE);
            assertThat(r.problemOffset()).isEqualTo(shb + idb);
            assertThat(r.blockBufferBytes()).isLessThan(1024);
        }
    }
}
