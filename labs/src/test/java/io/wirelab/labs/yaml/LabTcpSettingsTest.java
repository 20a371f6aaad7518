package io.wirelab.labs.yaml;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabTcpSettingsTest {
    static LabSpec read(String yaml) throws LabFileException {
        return LabYamlReader.read("t.yaml", "t", yaml, name -> { throw new IllegalStateException(); });
    }

    @Test void labDefaultsApply_andNodeSettingsOverlayThem() throws Exception {
        LabSpec spec = read("""
                defaults:
                  tcp: { initial-window: 2, delayed-ack: 40ms }
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { nagle: false, msl: 5s } }
                  pc2: { kind: pc, ip: 10.0.0.2/24 }
                """);
        var pc1 = spec.nodes().get(0).tcp();
        var pc2 = spec.nodes().get(1).tcp();
        assertThat(pc1.initialWindowSegments()).isEqualTo(2);
        assertThat(pc1.delayedAckNanos()).isEqualTo(SimTime.millis(40));
        assertThat(pc1.noDelay()).isTrue();
        assertThat(pc1.mslNanos()).isEqualTo(SimTime.seconds(5));
        assertThat(pc2.initialWindowSegments()).isEqualTo(2);
        assertThat(pc2.noDelay()).isFalse();
        assertThat(pc2.mslNanos()).isEqualTo(SimTime.seconds(30));             // profile linux: TIME-WAIT 2 x 30 s
    }

    @Test void keepAliveKeys_setSoKeepaliveAndItsTimes_rfc1122_4_2_3_6() throws Exception {
        LabSpec spec = read("""
                defaults:
                  tcp: { keepalive-idle: 10s }
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { keepalive: true, keepalive-interval: 2s, keepalive-probes: 3 } }
                  pc2: { kind: pc, ip: 10.0.0.2/24 }
                """);
        var pc1 = spec.nodes().get(0).tcp().keepAlive();
        var pc2 = spec.nodes().get(1).tcp().keepAlive();
        assertThat(pc1).isEqualTo(new io.wirelab.stack.tcp.TcpKeepAlive(true, SimTime.seconds(10), SimTime.seconds(2), 3));
        assertThat(pc2.enabled()).isFalse();
        assertThat(pc2.idleNanos()).isEqualTo(SimTime.seconds(10));
        assertThat(pc2.intervalNanos()).isEqualTo(SimTime.seconds(75));
        assertThatThrownBy(() -> read("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { keepalive-probes: 0 } }
                """)).isInstanceOf(LabFileException.class).hasMessageContaining("keepalive-probes");
    }

    @Test void misspeltTcpKey_andDelayedAckAboveRfcLimit_areBothReported() {
        assertThatThrownBy(() -> read("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { naggle: false, delayed-ack: 600ms } }
                """))
                .isInstanceOfSatisfying(LabFileException.class, e -> assertThat(e.problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p.toString()).contains("2:44").contains("naggle").contains("nagle"))
                        .anySatisfy(p -> assertThat(p.toString()).contains("delayed-ack 600ms is out of range")));
    }

    @Test void ephemeralPorts_fromDefaultsOrNode_andBadRangesReportedOnce() throws Exception {
        LabSpec spec = read("""
                defaults:
                  tcp: { ephemeral-ports: 40000-40099 }
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { ephemeral-ports: 50000-50002 } }
                  pc2: { kind: pc, ip: 10.0.0.2/24 }
                """);
        assertThat(spec.nodes().get(0).ephemeralPorts()).hasToString("50000-50002");
        assertThat(spec.nodes().get(1).ephemeralPorts()).hasToString("40000-40099");
        assertThatThrownBy(() -> read("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { ephemeral-ports: 60000-50000 } }
                """))
                .isInstanceOfSatisfying(LabFileException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.toString()).contains("2:61").contains("not a port range")));
    }
}
