package io.wirelab.labs.yaml;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.TcpSettings;
import io.wirelab.sim.SimTime;
import io.wirelab.stack.tcp.TcpCongestion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tcp: section, read once per map over the lab's defaults; each key's range as TcpSettings.KEYS gives it. */
class TcpSectionReaderTest {
    static LabSpec read(String yaml) throws LabFileException { return LabYamlReaderTest.read(yaml); }

    static List<String> problems(String yaml) { return LabYamlReaderTest.problems(yaml); }

    static String pc(String tcp) { return "nodes:\n  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: " + tcp + " }\n"; }

    @Test void everyKindOfValue_isRead() throws Exception {
        var n = read(pc("{ nagle: off, delayed-ack: 0s, initial-window: 4, mss: 536, window-scale: no, sack: false, timestamps: yes, "
                + "min-rto: 1s, max-rto: 60s, initial-rto: 3s, msl: 1s, send-buffer: 64KiB, receive-buffer: 1000, syn-retries: 0, "
                + "ephemeral-ports: 50000-50001 }")).node("pc1");
        var o = n.tcp();
        assertThat(o.noDelay()).isTrue();
        assertThat(o.delayedAckNanos()).isZero();
        assertThat(o.initialWindowSegments()).isEqualTo(4);
        assertThat(o.mss()).isEqualTo(536);
        assertThat(o.windowScale()).isFalse();
        assertThat(o.sack()).isFalse();
        assertThat(o.timestamps()).isTrue();
        assertThat(o.minRtoNanos()).isEqualTo(SimTime.seconds(1));
        assertThat(o.maxRtoNanos()).isEqualTo(SimTime.seconds(60));
        assertThat(o.initialRtoNanos()).isEqualTo(SimTime.seconds(3));
        assertThat(o.mslNanos()).isEqualTo(SimTime.seconds(1));
        assertThat(o.sendBuffer()).isEqualTo(65536);
        assertThat(o.receiveBuffer()).isEqualTo(1000);
        assertThat(o.synRetries()).isZero();
        assertThat(n.ephemeralPorts()).hasToString("50000-50001");
    }

    /** Linux tcp_timestamps 1 (offsets, the default) or 2 (the clock alone). */
    @Test void timestampOffsets_onByDefault_aFlag() throws Exception {
        assertThat(read(pc("{ nagle: on }")).node("pc1").tcp().timestampOffsets()).isTrue();
        assertThat(read(pc("{ timestamp-offsets: false }")).node("pc1").tcp().timestampOffsets()).isFalse();
        assertThat(read(pc("{ profile: textbook, timestamps: true }")).node("pc1").tcp().timestampOffsets()).isTrue();
        assertThat(problems(pc("{ timestamp-offsets: 2 }")))
                .singleElement().asString().isEqualTo("t.yaml:2:63: timestamp-offsets must be true or false, not 2 (a number) (hint: write true or false, without quotes)");
        assertThat(problems(pc("{ timestamp-offset: true }"))).singleElement().asString().startsWith("t.yaml:2:").contains("timestamp-offset");
    }

    @Test void congestion_cubicByDefault_newrenoOrRenoByName() throws Exception {
        assertThat(read(pc("{ nagle: on }")).node("pc1").tcp().congestion()).isEqualTo(TcpCongestion.CUBIC);
        assertThat(read(pc("{ congestion: newreno }")).node("pc1").tcp().congestion()).isEqualTo(TcpCongestion.NEWRENO);
        assertThat(read(pc("{ congestion: reno }")).node("pc1").tcp().congestion()).isEqualTo(TcpCongestion.RENO);
        assertThat(problems(pc("{ congestion: bbr }"))).hasSize(1).first().asString().contains("congestion");
    }

    @Test void countsOutOfRange_nameTheirRange() {
        assertThat(problems(pc("{ mss: 87, initial-window: 0, syn-retries: 21 }"))).containsExactly(
                "t.yaml:2:49: mss 87 is not in 88..65495",
                "t.yaml:2:69: initial-window (segments) 0 is not in 1..1000",
                "t.yaml:2:85: syn-retries 21 is not in 0..20");
        assertThat(problems(pc("{ mss: 65496 }"))).containsExactly("t.yaml:2:49: mss 65496 is not in 88..65495");
    }

    /** Linux tcp_max_tw_buckets: 131072 on the 24 GiB test machine by default, 0 (no TIME-WAIT) up to TimeWaits' slots. */
    @Test void maxTimeWait_aCountFrom0_defaultLinuxs131072() throws Exception {
        assertThat(read(pc("{ max-time-wait: 2 }")).node("pc1").tcp().maxTimeWait()).isEqualTo(2);
        assertThat(read(pc("{ max-time-wait: 0 }")).node("pc1").tcp().maxTimeWait()).isZero();
        assertThat(read(pc("{ nagle: on }")).node("pc1").tcp().maxTimeWait()).isEqualTo(131_072);
        assertThat(read(pc("{ profile: textbook }")).node("pc1").tcp().maxTimeWait()).isEqualTo(131_072);
        assertThat(read("defaults: { tcp: { max-time-wait: 5 } }\n" + pc("{ sack: false }")).node("pc1").tcp().maxTimeWait())
                .isEqualTo(5);
        assertThat(problems(pc("{ max-time-wait: -1 }"))).containsExactly("t.yaml:2:59: max-time-wait -1 is not in 0..16777216");
        assertThat(problems(pc("{ msl: 1s, max-time-wait: 16777217 }")))
                .containsExactly("t.yaml:2:68: max-time-wait 16777217 is not in 0..16777216");
        assertThat(problems(pc("{ max-time-wait: many }")))
                .containsExactly("t.yaml:2:59: max-time-wait must be a whole number, not 'many' (hint: e.g. 1)");
    }

    @Test void delayedAck_upTo500ms_rfc9293_3_8_6_3() throws Exception {
        assertThat(read(pc("{ delayed-ack: 500ms }")).node("pc1").tcp().delayedAckNanos()).isEqualTo(TcpSettings.MAX_DELAYED_ACK_NANOS);
        assertThat(problems(pc("{ delayed-ack: 501ms }")))
                .containsExactly("t.yaml:2:57: delayed-ack 501ms is out of range (hint: allowed: 0ns..500ms)");
    }

    /** The one bound: the largest window RFC 7323 §2.3 can advertise (TcpOptions'), not 1 GiB, which used to pass the reader and then fail. */
    @Test void receiveBuffer_upToTheLargestScaledWindow_rfc7323_2_3() throws Exception {
        assertThat(read(pc("{ receive-buffer: 1073725440 }")).node("pc1").tcp().receiveBuffer()).isEqualTo(65535 << 14);
        assertThat(problems(pc("{ receive-buffer: 1GiB }")))
                .containsExactly("t.yaml:2:60: receive-buffer 1073741824B is out of range (hint: allowed: 1B..1073725440B)");
        assertThat(read(pc("{ send-buffer: 1GiB }")).node("pc1").tcp().sendBuffer()).isEqualTo(1 << 30);
        assertThat(problems(pc("{ send-buffer: 0B }")))
                .containsExactly("t.yaml:2:57: send-buffer 0B is out of range (hint: allowed: 1B..1073741824B)");
    }

    @Test void minRto_isBoundedByMaxRto_asSetSoFar() {
        assertThat(problems(pc("{ max-rto: 1s, min-rto: 2s }")))
                .containsExactly("t.yaml:2:66: min-rto 2s is out of range (hint: allowed: 1ns..1s)");
        assertThat(problems(pc("{ min-rto: 2s, max-rto: 1s }")))
                .containsExactly("t.yaml:2:66: max-rto 1s is out of range (hint: allowed: 2s..1h)");
    }

    @Test void badValues_sayWhatWasExpected() {
        assertThat(problems(pc("{ nagle: maybe, msl: 5, initial-window: lots, ephemeral-ports: 5-70000 }"))).containsExactly(
                "t.yaml:2:51: nagle must be true or false, not 'maybe' (hint: write true or false, without quotes)",
                "t.yaml:2:63: '5' needs a unit (hint: units: ns, us, ms, s, m, h, e.g. 1ms)",
                "t.yaml:2:82: initial-window (segments) must be a whole number, not 'lots' (hint: e.g. 1)",
                "t.yaml:2:105: '5-70000' is not a port range (hint: first-last with 1 <= first <= last <= 65535, e.g. 50000-50009)");
    }

    @Test void tcpThatIsNotAMap_isReportedWhereItStands() {
        assertThat(problems("defaults: { tcp: 5 }\n" + pc("[nagle]"))).containsExactly(
                "t.yaml:1:18: expected tcp defaults (a map of keys), got 5 (a number) (hint: write key: value pairs, indented, or { key: value })",
                "t.yaml:3:42: expected tcp settings (a map of keys), got a list (hint: write key: value pairs, indented, or { key: value })");
    }

    @Test void nodeSettings_overlayTheLabDefaults_keyByKey() throws Exception {
        LabSpec spec = read("""
                defaults:
                  tcp: { mss: 1000, ephemeral-ports: 40000-40001 }
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { sack: false } }
                  sw1: { kind: switch }
                """);
        assertThat(spec.node("pc1").tcp().mss()).isEqualTo(1000);
        assertThat(spec.node("pc1").tcp().sack()).isFalse();
        assertThat(spec.node("pc1").ephemeralPorts()).hasToString("40000-40001");
        assertThat(spec.node("sw1").tcp().mss()).isEqualTo(1000);
    }
}
