package io.wirelab.labs.live;

import io.wirelab.buffer.Frame;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.pcap.PcapFile;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.wire.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveStreamTest {
    static final String RANDOM = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    /** Ethernet + IPv4 (TCP, total length 83) + TCP (data offset 5) + a ClientHello up to its random. */
    static final String CLIENT_HELLO = """
            02 00 00 00 01 00  02 00 00 00 02 00  08 00
            45 00 00 53 00 01 40 00 40 06 00 00 0a 00 00 0a 0a 00 00 50
            c0 00 01 bb 00 00 00 01 00 00 00 00 50 18 ff ff 00 00 00 00
            16 03 01 00 c8  01 00 00 c4  03 03
            """ + RANDOM;

    final List<Lab> labs = new ArrayList<>();

    @AfterEach void closeLabs() { labs.forEach(Lab::close); }

    Lab lab(long seed) throws Exception {
        Lab lab = LabBuilder.build(BuiltinLabs.builtin("ping-basics"), LabBuilder.Options.withoutCaptures().withSeed(seed));
        labs.add(lab);
        return lab;
    }

    static Frame frame(int marker) {
        byte[] b = new byte[60];
        b[12] = 0x08;
        b[13] = 0x06;                                  // ARP: never a ClientHello
        b[20] = (byte) marker;
        return new Frame(b);
    }

    static PcapFile read(ByteArrayOutputStream out) {
        PcapFile f = PcapReader.read(out.toByteArray());
        assertThat(f.isComplete()).as("stream problem " + f.problem()).isTrue();
        return f;
    }

    static List<Integer> markers(PcapFile f) { return f.records().stream().map(r -> (int) r.data()[20]).toList(); }

    @Test void clientRandomIsFoundOnlyInAClientHello() {
        assertThat(TlsClientHellos.clientRandom(Hex.bytes(CLIENT_HELLO))).isEqualTo(RANDOM);
        assertThat(TlsClientHellos.clientRandom(Hex.bytes(CLIENT_HELLO.replace("01 00 00 c4", "02 00 00 c4")))).as("ServerHello").isNull();
        assertThat(TlsClientHellos.clientRandom(Hex.bytes(CLIENT_HELLO.replace("16 03 01", "17 03 03")))).as("application data").isNull();
        assertThat(TlsClientHellos.clientRandom(Hex.bytes(CLIENT_HELLO.replace("00 53 00 01", "00 50 00 01")))).as("random cut by total length").isNull();
        assertThat(TlsClientHellos.clientRandom(Hex.bytes(CLIENT_HELLO.replace("40 06 00 00", "40 11 00 00")))).as("UDP").isNull();
        assertThat(TlsClientHellos.clientRandom(frame(1).bytes())).isNull();
        assertThat(TlsClientHellos.clientRandom(new byte[10])).isNull();
    }

    @Test void headersFirstThenFramesWithTheirTimes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveStream s = LiveStream.open(lab(1), "pc1:eth0", out, "test", null);
        assertThat(read(out).interfaces()).hasSize(1);
        assertThat(read(out).interfaces().getFirst().name()).isEqualTo("pc1:eth0");
        s.onFrame(frame(1), 5);
        s.onFrame(frame(2), 9);
        PcapFile f = read(out);
        assertThat(markers(f)).containsExactly(1, 2);
        assertThat(f.records().stream().map(PcapRecord::timestampNanos).toList()).containsExactly(5L, 9L);
        assertThat(s.frames()).isEqualTo(2);
    }

    @Test void aHandshakeIsHeldUntilItsKeysAreLoggedThenFollowsThem() throws Exception {
        Lab lab = lab(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveStream s = LiveStream.open(lab, "pc1:eth0", out, "test", null);
        s.onFrame(frame(1), 1);
        s.onFrame(new Frame(Hex.bytes(CLIENT_HELLO)), 2);
        s.onFrame(frame(3), 3);
        lab.tls().keyLog().accept("CLIENT_HANDSHAKE_TRAFFIC_SECRET " + RANDOM + " aa");
        lab.tls().keyLog().accept("SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM + " bb");
        s.onFrame(frame(4), 4);
        assertThat(read(out).records()).hasSize(1);
        assertThat(read(out).secrets()).isEmpty();
        assertThat(s.heldFrames()).isEqualTo(3);

        lab.tls().keyLog().accept("CLIENT_TRAFFIC_SECRET_0 " + RANDOM + " cc");
        lab.tls().keyLog().accept("SERVER_TRAFFIC_SECRET_0 " + RANDOM + " dd");
        PcapFile f = read(out);
        assertThat(f.records()).hasSize(4);
        assertThat(f.records().get(1).data()).isEqualTo(Hex.bytes(CLIENT_HELLO));
        assertThat(f.secrets()).hasSize(1);
        assertThat(f.secrets().getFirst().text()).contains("CLIENT_HANDSHAKE_TRAFFIC_SECRET " + RANDOM).contains("SERVER_TRAFFIC_SECRET_0 " + RANDOM);
        assertThat(dsbOffset(out.toByteArray())).as("the secrets come before the ClientHello").isLessThan(offsetOf(out.toByteArray(), Hex.bytes(CLIENT_HELLO)));
        assertThat(s.heldFrames()).isZero();
    }

    @Test void aHandshakeWhoseKeysNeverComeIsReleasedAfterTheHoldLimit() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveStream s = LiveStream.open(lab(1), "pc1:eth0", out, "test", null);
        s.onFrame(new Frame(Hex.bytes(CLIENT_HELLO)), 0);
        s.onFrame(frame(2), LiveStream.HOLD_LIMIT_NANOS);
        assertThat(read(out).records()).isEmpty();
        s.onFrame(frame(3), LiveStream.HOLD_LIMIT_NANOS + 1);
        assertThat(read(out).records()).hasSize(3);
    }

    @Test void closeWritesHeldFrames() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveStream s = LiveStream.open(lab(1), "pc1:eth0", out, "test", null);
        s.onFrame(new Frame(Hex.bytes(CLIENT_HELLO)), 0);
        s.close();
        assertThat(read(out).records()).hasSize(1);
    }

    @Test void aBrokenPipeEndsTheStreamQuietlyOnce() throws Exception {
        List<String> reasons = new ArrayList<>();
        OutputStream pipe = new OutputStream() {
            int written;
            @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }
            @Override public void write(byte[] b, int off, int len) throws IOException {
                if ((written += len) > 400) throw new IOException("Broken pipe");
            }
        };
        Lab lab = lab(1);
        LiveStream s = LiveStream.open(lab, "pc1:eth0", pipe, "test", (stream, reason) -> reasons.add(reason));
        for (int i = 0; i < 10; i++) s.onFrame(frame(i), i);
        assertThat(reasons).containsExactly("the reader closed the stream");
        assertThat(s.isEnded()).isTrue();
        assertThat(s.frames()).isLessThan(10);
        s.close();
        assertThat(reasons).hasSize(1);
    }

    @Test void followingAReplayWritesOnlyWhatIsNewAndANewSectionWhereItDiffers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveStream s = LiveStream.open(lab(1), "pc1:eth0", out, "test", null);
        for (int i = 1; i <= 3; i++) s.onFrame(frame(i), i);
        s.follow(lab(1));
        for (int i = 1; i <= 4; i++) s.onFrame(frame(i), i);         // 1..3 repeat, 4 is new
        assertThat(markers(read(out))).containsExactly(1, 2, 3, 4);
        s.follow(lab(1));
        s.onFrame(frame(1), 1);
        s.onFrame(frame(9), 2);                                     // differs from frame 2
        s.onFrame(frame(10), 3);
        PcapFile f = read(out);
        assertThat(markers(f)).containsExactly(1, 2, 3, 4, 9, 10);
        assertThat(f.interfaces()).as("a second section, with its own interface").hasSize(2);
    }

    @Test void unknownPortsAreNamedWithWhatThereIs() throws Exception {
        Lab lab = lab(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> LiveStream.open(lab, "pc9:eth0", out, "t", null)).hasMessageContaining("no device 'pc9'");
        assertThatThrownBy(() -> LiveStream.open(lab, "pc1:eth7", out, "t", null)).hasMessageContaining("interfaces: pc1:eth0");
        assertThatThrownBy(() -> LiveStream.open(lab, "pc1", out, "t", null)).hasMessageContaining("e.g. pc1:eth0");
        assertThat(out.size()).isZero();
    }

    private static int dsbOffset(byte[] b) {
        for (int at = 0; at + 8 <= b.length; ) {
            int type = u32(b, at), len = u32(b, at + 4);
            if (type == 0x0A) return at;
            at += len;
        }
        return -1;
    }

    private static int offsetOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
