package io.wirelab.bridge;

import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.arp.ArpOperation;
import io.wirelab.wire.arp.ArpPacket;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bridge's two paths with an in-memory device: capture thread to lab, lab to inject. The
 * simulator runs on a manual clock that waits for the capture thread, so timings are exact.
 */
class BridgeTest {
    static final MacAddress OUTSIDE = MacAddress.parse("02:aa:00:00:00:01");
    static final Ipv4Address OUTSIDE_IP = Ipv4Address.parse("198.18.0.1"), LAB_IP = Ipv4Address.parse("198.18.0.2");

    final Simulator sim = new Simulator(1);
    final NetworkStack stack = new NetworkStack(sim, "pc1");
    final Port pcPort = new Port("pc1:eth0", sim);
    final NetInterface eth0 = stack.addInterface("eth0", pcPort, MacAddress.local(1));
    Bridge bridge;

    BridgeTest() { eth0.configure(Ipv4Cidr.parse("198.18.0.2/24")); }

    @AfterEach void closeBridge() { if (bridge != null) bridge.close(); }

    static byte[] arpRequest() {
        byte[] f = new byte[14 + ArpPacket.LENGTH];
        MacAddress.BROADCAST.write(f, 0);
        OUTSIDE.write(f, 6);
        Bytes.put16(f, 12, 0x0806);
        ArpPacket.request(OUTSIDE, OUTSIDE_IP, LAB_IP).emit(f, 14);
        return f;
    }

    Bridge bridged(FakeDevice device) throws PacketDeviceException {
        sim.enableRealTime(new SettlingClock(device::settled));
        bridge = new Bridge(sim, "br0", "veth0", device);
        Link.connect(sim, bridge.port(), pcPort, LinkParams.DEFAULT);
        bridge.start();
        return bridge;
    }

    @Test void aFrameFromTheInterfaceReachesTheLabAndTheAnswerIsInjected() throws Exception {
        FakeDevice device = new FakeDevice(false);
        bridged(device);
        assertThat(device.openedOn).isEqualTo("veth0");
        assertThat(device.promiscuous).isTrue();
        assertThat(bridge.port().name()).isEqualTo("br0:veth0");
        device.offer(arpRequest());
        assertThat(sim.runUntil(() -> !device.injected.isEmpty(), SimTime.seconds(10))).isTrue();
        byte[] reply = device.injected.getFirst();
        assertThat(MacAddress.read(reply, 0)).isEqualTo(OUTSIDE);
        assertThat(Bytes.u16(reply, 12)).isEqualTo(0x0806);
        assertThat(Bytes.u16(reply, 14 + 6)).isEqualTo(ArpOperation.REPLY.value());
        assertThat(bridge.counters().framesIn()).isEqualTo(1);
        assertThat(bridge.counters().framesOut()).isEqualTo(1);
        assertThat(sim.realTime().postedActions()).isEqualTo(1);
    }

    @Test void ownInjectedFramesSeenAgainAreDroppedWhenTheDeviceCannotFilterThem() throws Exception {
        FakeDevice device = new FakeDevice(true);
        bridged(device);
        device.offer(arpRequest());
        assertThat(sim.runUntil(() -> bridge.counters().drops(BridgeCounters.Drop.OWN_ECHO) == 1, SimTime.seconds(10))).isTrue();
        assertThat(bridge.counters().framesIn()).isEqualTo(1);          // only the request entered the lab
        assertThat(device.injected).hasSize(1);
    }

    @Test void runtsAndTruncatedFramesAreCountedNotDelivered() throws Exception {
        FakeDevice device = new FakeDevice(false);
        bridged(device);
        device.offer(new byte[10]);
        byte[] cut = arpRequest();
        device.offer(new PacketDevice.CapturedFrame(java.util.Arrays.copyOf(cut, 20), cut.length));
        device.offer(arpRequest());
        assertThat(sim.runUntil(() -> !device.injected.isEmpty(), SimTime.seconds(10))).isTrue();
        assertThat(bridge.counters().drops(BridgeCounters.Drop.RUNT)).isEqualTo(1);
        assertThat(bridge.counters().drops(BridgeCounters.Drop.TRUNCATED)).isEqualTo(1);
        assertThat(bridge.counters().framesIn()).isEqualTo(1);
    }

    @Test void needsRealTimeMode() {
        Bridge b = new Bridge(sim, "br0", "veth0", new FakeDevice(false));
        assertThatThrownBy(b::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("real-time");
    }

    @Test void openFailuresKeepTheirReason() {
        FakeDevice device = new FakeDevice(false);
        device.failOpen = new PacketDeviceException(PacketDeviceException.Reason.PERMISSION, "no permission");
        sim.enableRealTime(new SettlingClock(device::settled));
        Bridge b = new Bridge(sim, "br0", "veth0", device);
        assertThatThrownBy(b::start).isInstanceOfSatisfying(PacketDeviceException.class,
                e -> assertThat(e.reason()).isEqualTo(PacketDeviceException.Reason.PERMISSION));
        assertThat(b.isRunning()).isFalse();
    }

    @Test void closeStopsTheCaptureThreadAndReleasesTheDevice() throws Exception {
        FakeDevice device = new FakeDevice(false);
        bridged(device);
        bridge.close();
        assertThat(device.closed).isTrue();
        assertThat(bridge.isRunning()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("wirelab-bridge-veth0"));
    }

    @Test void recentFramesForgetTheOldestAndMatchOnce() {
        RecentFrames r = new RecentFrames(2);
        r.remember(new byte[]{1});
        r.remember(new byte[]{2});
        r.remember(new byte[]{3});
        assertThat(r.takeEcho(new byte[]{1})).isFalse();
        assertThat(r.takeEcho(new byte[]{3})).isTrue();
        assertThat(r.takeEcho(new byte[]{3})).isFalse();
        assertThat(r.size()).isEqualTo(1);
    }
}
