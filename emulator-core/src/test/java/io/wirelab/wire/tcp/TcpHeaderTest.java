package io.wirelab.wire.tcp;

import io.wirelab.sim.SimRandom;
import io.wirelab.wire.Hex;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpHeaderTest {
    static final Ipv4Address CLIENT = Ipv4Address.parse("198.18.7.2");
    static final Ipv4Address SERVER = Ipv4Address.parse("198.18.7.1");

    /** Frame 3 of the reference capture tcp-close-variants.pcapng (tshark -x), TCP part: a Linux 6.18 SYN. */
    static final byte[] LINUX_SYN = Hex.bytes("""
        a0 52 1b 59   # source port 41042, destination port 7001
        c4 95 49 7c   # sequence number 3298118012
        00 00 00 00   # acknowledgment number 0
        a0 02 fa f0   # data offset 10 (40 bytes), flags SYN, window 64240
        eb 6d 00 00   # checksum 0xeb6d, urgent pointer 0
        02 04 05 b4   # MSS 1460
        04 02         # SACK permitted
        08 0a 03 9e fa 1a 00 00 00 00   # timestamps TSval 60750362 TSecr 0
        01            # NOP
        03 03 0a      # window scale 10 (tshark: WS=1024)
        """);

    /** Frame 4: the SYN-ACK from the server. */
    static final byte[] LINUX_SYN_ACK = Hex.bytes("""
        1b 59 a0 52 5c 73 a5 96 c4 95 49 7d a0 12 fe 88 25 a3 00 00
        02 04 05 b4 04 02 08 0a 26 4f 99 c8 03 9e fa 1a 01 03 03 0a
        """);

    @Test void decodesLinuxSyn_fieldsAsTsharkShows_rfc9293_3_1() {
        TcpView v = new TcpView().wrap(LINUX_SYN, 0, LINUX_SYN.length);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.checksumValid(CLIENT, SERVER)).isTrue();
        TcpHeader h = TcpHeader.from(v);
        assertThat(h.sourcePort()).isEqualTo(41042);
        assertThat(h.destinationPort()).isEqualTo(7001);
        assertThat(Seq.unsigned(h.seq())).isEqualTo(3298118012L);
        assertThat(h.flags()).isEqualTo(TcpFlags.SYN);
        assertThat(h.window()).isEqualTo(64240);
        assertThat(h.mss()).isEqualTo(1460);
        assertThat(h.sackPermitted()).isTrue();
        assertThat(h.windowScale()).isEqualTo(10);
        assertThat(h.timestamps()).isEqualTo(new TcpOption.Timestamps(60750362, 0));
        assertThat(h.options()).hasSize(5);
        assertThat(h.length()).isEqualTo(40);
        assertThat(v.payloadLength()).isZero();
    }

    @Test void emitReproducesLinuxSynAndSynAck_byteForByte() {
        for (byte[] ref : List.of(LINUX_SYN, LINUX_SYN_ACK)) {
            Ipv4Address src = ref == LINUX_SYN ? CLIENT : SERVER, dst = ref == LINUX_SYN ? SERVER : CLIENT;
            TcpHeader h = TcpHeader.from(new TcpView().wrap(ref, 0, ref.length));
            byte[] out = new byte[h.length()];
            h.emit(out, 0, src, dst, 0);
            assertThat(out).isEqualTo(ref);
        }
        TcpHeader synAck = TcpHeader.from(new TcpView().wrap(LINUX_SYN_ACK, 0, LINUX_SYN_ACK.length));
        assertThat(synAck.ack()).isEqualTo(0xc495497d);
        assertThat(TcpFlags.tcpdump(synAck.flags())).isEqualTo("S.");
    }

    @Test void corruptedByte_failsChecksum() {
        byte[] b = LINUX_SYN.clone();
        b[15] ^= 1;
        assertThat(new TcpView().wrap(b, 0, b.length).checksumValid(CLIENT, SERVER)).isFalse();
        assertThat(new TcpView().wrap(LINUX_SYN, 0, 40).checksumValid(SERVER, Ipv4Address.parse("198.18.7.3"))).isFalse();
    }

    @Test void structuralErrors_areReasonsNotExceptions() {
        assertThat(new TcpView().wrap(LINUX_SYN, 0, 19).validate()).isEqualTo(Malformed.TRUNCATED);
        assertThat(new TcpView().wrap(LINUX_SYN, 0, 30).validate()).isEqualTo(Malformed.BAD_HEADER_LENGTH);
        byte[] small = LINUX_SYN.clone();
        small[12] = 0x40;                                          // data offset 4 words < 5
        assertThat(new TcpView().wrap(small, 0, small.length).validate()).isEqualTo(Malformed.BAD_HEADER_LENGTH);
        byte[] badMss = LINUX_SYN.clone();
        badMss[21] = 5;                                            // MSS option length 5
        assertThat(new TcpView().wrap(badMss, 0, badMss.length).validate()).isEqualTo(Malformed.BAD_OPTION);
        byte[] zeroLen = LINUX_SYN.clone();
        zeroLen[21] = 0;                                           // option length 0 would loop forever
        assertThat(new TcpView().wrap(zeroLen, 0, zeroLen.length).validate()).isEqualTo(Malformed.BAD_OPTION);
        byte[] overrun = LINUX_SYN.clone();
        overrun[38] = 9;                                           // window scale claims 9 bytes
        assertThat(new TcpView().wrap(overrun, 0, overrun.length).validate()).isEqualTo(Malformed.BAD_OPTION);
    }

    @Test void validateNeverThrows_onRandomBytes_andFromWorksAfterNone() {
        SimRandom r = SimRandom.derive(7, "tcp-fuzz");
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[r.nextInt(70)];
            r.nextBytes(junk);
            if (junk.length > 12 && r.chance(0.5)) junk[12] = (byte) ((5 + r.nextInt(11)) << 4);
            TcpView v = new TcpView().wrap(junk, 0, junk.length);
            if (v.validate() == Malformed.NONE) {
                TcpHeader h = TcpHeader.from(v);
                assertThat(h.length()).isLessThanOrEqualTo(v.headerLength());
            }
        }
    }

    @Test void roundTrip_recordsWithAllOptionKinds() {
        SimRandom r = SimRandom.derive(3, "tcp-roundtrip");
        for (int i = 0; i < 500; i++) {
            List<TcpOption> opts = switch (i % 4) {
                case 0 -> List.of(new TcpOption.Mss(r.nextInt(65536)), new TcpOption.Nop(), new TcpOption.WindowScale(r.nextInt(15)));
                case 1 -> List.of(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamps(r.nextInt(), r.nextInt()));
                case 2 -> List.of(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Sack(List.of(
                        new TcpOption.SackBlock(r.nextInt(), r.nextInt()), new TcpOption.SackBlock(r.nextInt(), r.nextInt()))));
                default -> List.of(new TcpOption.SackPermitted(), new TcpOption.Unknown(30, new byte[]{1, 2, 3}));
            };
            TcpHeader h = new TcpHeader(r.nextInt(65536), r.nextInt(65536), r.nextInt(), r.nextInt(), r.nextInt(256),
                    r.nextInt(65536), r.nextInt(65536), opts);
            byte[] payload = new byte[r.nextInt(100)];
            r.nextBytes(payload);
            byte[] buf = new byte[h.length() + payload.length];
            h.emit(buf, 0, CLIENT, SERVER, payload, 0, payload.length);
            TcpView v = new TcpView().wrap(buf, 0, buf.length);
            assertThat(v.validate()).isEqualTo(Malformed.NONE);
            assertThat(v.checksumValid(CLIENT, SERVER)).isTrue();
            assertThat(TcpHeader.from(v)).isEqualTo(h);
            assertThat(Arrays.copyOfRange(buf, v.payloadOffset(), buf.length)).isEqualTo(payload);
        }
    }

    @Test void timestamped_isTheHeaderWithNopNopTimestamps_inBytesAndValue() {
        TcpHeader listed = new TcpHeader(41042, 7001, 5, 9, TcpFlags.ACK | TcpFlags.PSH, 502, 0,
                List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(60750362, 7)));
        TcpHeader fast = TcpHeader.timestamped(41042, 7001, 5, 9, TcpFlags.ACK | TcpFlags.PSH, 502, 60750362, 7);
        byte[] payload = {1, 2, 3, 4, 5};
        byte[] a = new byte[listed.length() + payload.length], b = new byte[fast.length() + payload.length];
        Arrays.fill(b, (byte) 0x5a);
        listed.emit(a, 0, CLIENT, SERVER, payload, 0, payload.length);
        fast.emit(b, 0, CLIENT, SERVER, payload, 0, payload.length);
        assertThat(b).isEqualTo(a);
        assertThat(fast).isEqualTo(listed).hasSameHashCodeAs(listed);
        assertThat(fast.describe(5)).isEqualTo(listed.describe(5));
        assertThat(fast.options()).isEqualTo(listed.options());
        assertThat(fast.mss()).isEqualTo(-1);
        assertThat(fast.windowScale()).isEqualTo(-1);
        assertThat(fast.sackPermitted()).isFalse();
        assertThat(fast.sackBlocks()).isEmpty();
        assertThat(fast.timestamps()).isEqualTo(new TcpOption.Timestamps(60750362, 7));

        TcpHeader parsed = TcpHeader.from(new TcpView().wrap(a, 0, a.length));
        assertThat(parsed).isEqualTo(listed);
        assertThat(parsed.timestamps()).isEqualTo(new TcpOption.Timestamps(60750362, 7));
    }

    @Test void aTimestampedSegment_withAnUrgentPointer_keepsIt() {
        TcpHeader urgent = new TcpHeader(1, 2, 3, 4, TcpFlags.ACK | TcpFlags.URG, 100, 77,
                List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(1, 2)));
        byte[] a = new byte[urgent.length()];
        urgent.emit(a, 0, CLIENT, SERVER, 0);
        TcpHeader parsed = TcpHeader.from(new TcpView().wrap(a, 0, a.length));
        assertThat(parsed.urgentPointer()).isEqualTo(77);
        assertThat(parsed).isEqualTo(urgent);
    }

    @Test void record_rejectsUnrepresentableValues() {
        assertThatThrownBy(() -> new TcpHeader(70000, 1, 0, 0, 0, 0, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        List<TcpOption> tooLong = List.of(new TcpOption.Sack(List.of(new TcpOption.SackBlock(1, 2), new TcpOption.SackBlock(1, 2),
                new TcpOption.SackBlock(1, 2), new TcpOption.SackBlock(1, 2))), new TcpOption.Timestamps(1, 2));
        assertThatThrownBy(() -> new TcpHeader(1, 1, 0, 0, 0, 0, 0, tooLong)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void describe_isTcpdumpLike() {
        TcpHeader h = TcpHeader.from(new TcpView().wrap(LINUX_SYN, 0, LINUX_SYN.length));
        assertThat(h.describe(0)).isEqualTo("Flags [S], seq 3298118012, win 64240, options "
                + "[mss 1460,sackOK,TS val 60750362 ecr 0,nop,wscale 10], length 0");
    }

    @Test void seq_comparisonsAreWrapAware_rfc9293_3_4() {
        int nearTop = 0xfffffff0;
        assertThat(Seq.lt(nearTop, 5)).isTrue();
        assertThat(Seq.gt(5, nearTop)).isTrue();
        assertThat(Seq.diff(nearTop, 5)).isEqualTo(21);
        assertThat(Seq.inRange(2, nearTop, 10)).isTrue();
        assertThat(Seq.inRange(10, nearTop, 10)).isFalse();
        SimRandom r = SimRandom.derive(1, "seq");
        for (int i = 0; i < 10_000; i++) {
            int a = r.nextInt(), d = 1 + r.nextInt(Integer.MAX_VALUE - 1);
            assertThat(Seq.lt(a, a + d)).isTrue();
            assertThat(Seq.gt(a + d, a)).isTrue();
            assertThat(Seq.lt(a + d, a)).isFalse();
        }
    }
}
