package io.wirelab.labs.bridge;

import io.wirelab.bridge.PacketDevice;
import io.wirelab.bridge.PacketDeviceException;
import io.wirelab.devices.bridge.BridgeDevice;
import io.wirelab.labs.build.LabBuildException;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.ServiceInstaller;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import io.wirelab.testing.VethLab;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The `bridge` node kind: reading, building (real time, started, closed) and a real ping through it. */
class BridgedLabTest {
    static LabSpec read(String yaml) throws LabFileException {
        return LabYamlReader.read("bridge.yaml", "bridge", yaml, n -> null);
    }

    static String lab(String iface) {
        return "nodes:\n"
                + "  uplink: { kind: bridge, interface: " + iface + " }\n"
                + "  sw1: { kind: switch, ports: 2 }\n"
                + "  srv: { kind: server, ip: 198.18.0.2/24 }\n"
                + "links:\n  - [uplink, sw1]\n  - [srv, sw1]\n"
                + "captures: [uplink, srv]\n";
    }

    /** A device that opens fine and never captures anything. */
    static class QuietDevice implements PacketDevice {
        final List<String> calls = new ArrayList<>();
        @Override public void open(String ifname, boolean promiscuous, int snaplen) throws PacketDeviceException { calls.add("open " + ifname); }
        @Override public boolean seesOwnFrames() { return false; }
        @Override public int receive(java.util.List<CapturedFrame> into) { return 0; }
        @Override public void inject(byte[] frame, int offset, int length) { calls.add("inject " + length); }
        @Override public String lastError() { return ""; }
        @Override public void close() { calls.add("close"); }
    }

    @Test void aBridgeNodeHasOnePortNamedAfterItsInterface() throws Exception {
        LabSpec spec = read(lab("veth7"));
        assertThat(spec.hasBridges()).isTrue();
        assertThat(spec.node("uplink").interfaces()).extracting(i -> i.name()).containsExactly("veth7");
        assertThat(spec.links().getFirst().a().toString()).isEqualTo("uplink:veth7");
        assertThat(spec.captures()).extracting(c -> c.point().toString()).containsExactly("uplink:veth7", "srv:eth0");
    }

    @Test void badBridgesAreReportedWithTheirLines() {
        String yaml = "nodes:\n"
                + "  a: { kind: bridge }\n"
                + "  b: { kind: bridge, interface: \"bad/name\" }\n"
                + "  c: { kind: bridge, interface: veth0, ip: 10.0.0.1/24 }\n"
                + "  d: { kind: bridge, interface: veth0 }\n";
        assertThatThrownBy(() -> read(yaml)).isInstanceOfSatisfying(LabFileException.class, e -> assertThat(e.problems())
                .extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).contains(":2:").contains("needs the 'interface'"))
                .anySatisfy(p -> assertThat(p).contains(":3:").contains("not a network interface name"))
                .anySatisfy(p -> assertThat(p).contains(":4:").contains("'ip' does not apply to a bridge"))
                .anySatisfy(p -> assertThat(p).contains(":5:").contains("already bridged by c")));
    }

    @Test void aLabWithABridgeRunsInRealTimeAndReleasesTheInterface(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
        QuietDevice device = new QuietDevice();
        Lab lab = new LabBuilder(ServiceInstaller.NONE).packetDevices(() -> device).buildLab(read(lab("veth7")), LabBuilder.Options.to(out));
        try {
            assertThat(lab.isRealTime()).isTrue();
            assertThat(lab.device("uplink")).isInstanceOf(BridgeDevice.class);
            assertThat(lab.device("uplink").kind()).isEqualTo("bridge");
            assertThat(device.calls).containsExactly("open veth7");
        } finally {
            lab.close();
        }
        assertThat(device.calls).endsWith("close");
    }

    @Test void aLabWithoutABridgeStaysVirtual(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
        Lab lab = LabBuilder.build(read("nodes: { pc1: { kind: pc, ip: 198.18.0.2/24 } }\n"), LabBuilder.Options.to(out));
        assertThat(lab.isRealTime()).isFalse();
        lab.close();
    }

    @Test void anInterfaceThatCannotBeOpenedFailsTheBuildWithTheReason() throws Exception {
        PacketDevice failing = new QuietDevice() {
            @Override public void open(String ifname, boolean promiscuous, int snaplen) throws PacketDeviceException {
                throw new PacketDeviceException(PacketDeviceException.Reason.NO_SUCH_INTERFACE, "no network interface '" + ifname + "' here (see: ip link)");
            }
        };
        assertThatThrownBy(() -> new LabBuilder(ServiceInstaller.NONE).packetDevices(() -> failing)
                .buildLab(read(lab("veth7")), LabBuilder.Options.withoutCaptures()))
                .isInstanceOf(LabBuildException.class).hasMessage("bridge uplink: no network interface 'veth7' here (see: ip link)");
    }

    @Test void linuxPingsAServerOfABridgedLab(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
        try (VethLab veth = VethLab.create("198.18.0.1/24")) {
            try (Lab lab = LabBuilder.build(read(lab(veth.bridged())), LabBuilder.Options.to(out))) {
                Process ping = veth.start("ping", "-n", "-c", "3", "-i", "0.2", "-W", "2", "198.18.0.2");
                ping.onExit().thenRun(() -> lab.simulator().realTime().post(() -> {}));
                lab.simulator().runUntil(() -> !ping.isAlive(), SimTime.seconds(20));
                String text = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(ping.exitValue()).as(text).isZero();
                assertThat(text).contains("3 received");
                assertThat(lab.captureFiles()).hasSize(2);
            }
        }
    }
}
