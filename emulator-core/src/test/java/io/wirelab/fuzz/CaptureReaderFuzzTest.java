package io.wirelab.fuzz;

import io.wirelab.pcap.PcapFile;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.pcap.PcapWriter;
import io.wirelab.pcap.PcapngWriter;
import io.wirelab.wire.PacketPrinter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutation fuzzing of the capture reader (pcapng and classic pcap, whole and streamed) and of
 * `show`'s rendering of what it reads, seeded with the reference captures, their classic pcap
 * copies, and small three-frame files whose block structure the mutations hit often.
 */
class CaptureReaderFuzzTest {
    static final int ITERATIONS = Fuzz.iterations(2_000);

    static List<byte[]> corpus() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String name : Fuzz.CAPTURES) {
            byte[] ng = Fuzz.capture(name);
            List<PcapRecord> records = PcapReader.read(ng).records();
            out.add(ng);
            out.add(pcap(records, records.size()));
            out.add(pcap(records, 3));
            out.add(pcapng(records, 3));
        }
        return out;
    }

    static byte[] pcap(List<PcapRecord> records, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, 65535)) {
            for (PcapRecord r : records.subList(0, Math.min(n, records.size()))) w.writePacket(r.timestampNanos(), r.data(), 0, r.data().length);
        }
        return out.toByteArray();
    }

    static byte[] pcapng(List<PcapRecord> records, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            int id = w.addInterface("pc1:eth0", 65535);
            w.writeDecryptionSecrets("CLIENT_RANDOM 00 11\n");
            for (PcapRecord r : records.subList(0, Math.min(n, records.size())))
                w.writePacket(id, r.timestampNanos(), r.data(), 0, r.data().length, "frame", r.originalLength() % 2 == 0 ? 0 : PcapngWriter.FLAGS_INBOUND_CRC_ERROR);
        }
        return out.toByteArray();
    }

    @Test void mutatedCaptures_areReadOrRefusedWithAProblem_neverThrow_andStreamingAgreesWithWholeFileReading() throws IOException {
        Mutator m = new Mutator(Fuzz.seed(), corpus());
        int complete = 0, refused = 0;
        long records = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = m.next();
            try {
                PcapFile whole = PcapReader.read(input);
                List<PcapRecord> streamed = new ArrayList<>();
                try (PcapReader r = PcapReader.open(new ByteArrayInputStream(input))) {
                    for (PcapRecord rec = r.next(); rec != null; rec = r.next()) {
                        streamed.add(rec);
                        assertThat(PacketPrinter.print(rec.data(), 0, rec.data().length)).isNotNull();
                    }
                    assertThat(r.problem()).isEqualTo(whole.problem());
                    assertThat(r.problem().describe()).isNotBlank();
                    assertThat(r.problemOffset()).isEqualTo(whole.problemOffset()).isBetween(0L, (long) input.length);
                }
                assertThat(streamed).hasSameSizeAs(whole.records());
                if (whole.isComplete()) complete++; else refused++;
                records += whole.records().size();
            } catch (RuntimeException | StackOverflowError | AssertionError e) {
                throw new AssertionError("capture reader failed on input " + i + " (" + input.length + " bytes, seed " + Fuzz.seed() + ")", e);
            }
        }
        assertThat(complete).as("mutants read to the end").isPositive();
        assertThat(refused).as("mutants refused with a problem").isPositive();
        assertThat(records).isPositive();
    }
}
