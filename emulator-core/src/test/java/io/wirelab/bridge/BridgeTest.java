package io.wirelab.bridge;

import io.wirelab.buffer.Frame;
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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bridge's two paths with an in-memory device, both served by the simulator thread: frames
 * waiting on the interface into the lab, frames from the lab out in batches. The simulator runs on a
 * manual clock that jumps by each park, so timings are exact.
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

    final JumpingClock clock = new JumpingClock();

    Bridge bridged(FakeDevice device) throws PacketDeviceException { return bridged(device, pcPort); }

    Bridge bridged(FakeDevice device, Port labSide) throws PacketDeviceException {
        sim.enableRealTime(clock);
        bridge = new Bridge(sim, "br0", "veth0", device);
        Link.connect(sim, bridge.port(), labSide, LinkParams.DEFAULT.withBandwidth(0));
        bridge.start();
        return bridge;
    }

    @Test void howLongFramesWaitedBeforeTheLoopTookThemInIsKeptWhenTheDeviceSaysWhenItCapturedThem() throws Exception {
        FakeDevice device = new FakeDevice(false);
        bridged(device);
        byte[] f = arpRequest();
        // offered now; a device without a descriptor is looked at after one millisecond's park
        device.offer(new PacketDevice.CapturedFrame(f, f.length, clock.now - SimTime.millis(3)));
        device.offer(new PacketDevice.CapturedFrame(f.clone(), f.length, clock.now - SimTime.micros(40)));
        device.offer(new PacketDevice.CapturedFrame(f.clone(), f.length));                           // a device that does not say
        device.offer(new PacketDevice.CapturedFrame(f.clone(), f.length, clock.now + SimTime.seconds(1))); // a clock stepped back since
        sim.runUntil(() -> bridge.counters().framesIn() == 4, SimTime.seconds(1));
        assertThat(bridge.counters().framesIn()).isEqualTo(4);
        assertThat(sim.realTime().framesWaited()).isEqualTo(2);
        assertThat(sim.realTime().longestFrameWaitNanos()).isEqualTo(SimTime.millis(3) + BridgeOutside.LOOK_WITHOUT_DESCRIPTOR_NANOS);
        assertThat(sim.realTime().longestFrameWaitTakenAtNanos()).isZero();                  // taken in at the first look
        sim.runUntil(() -> false, SimTime.millis(10));
        device.offer(new PacketDevice.CapturedFrame(f.clone(), f.length, clock.now - SimTime.millis(5)));
        sim.runUntil(() -> bridge.counters().framesIn() == 5, SimTime.seconds(1));
        assertThat(sim.realTime().longestFrameWaitNanos()).isEqualTo(SimTime.millis(5) + BridgeOutside.LOOK_WITHOUT_DESCRIPTOR_NANOS);
        assertThat(sim.realTime().longestFrameWaitTakenAtNanos()).isGreaterThanOrEqualTo(SimTime.millis(10)).isLessThanOrEqualTo(sim.now());
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
        assertThat(sim.realTime().postedActions()).isZero();          // no other thread handed anything over
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("wirelab-bridge"));
    }

    @Test void aFrameEntersTheLabAtTheVirtualTimeTheSimulatorTookItIn() throws Exception {
        FakeDevice device = new FakeDevice(false);
        Port far = new Port("far:eth0", sim);
        List<Long> arrivals = new ArrayList<>();
        far.attach((frame, now) -> arrivals.add(now));
        bridged(device, far);
        sim.at(SimTime.millis(5) + 300, () -> device.offer(arpRequest()));   // arrives between two looks
        sim.runUntil(SimTime.millis(10));
        assertThat(arrivals).containsExactly(SimTime.millis(6) + 300);      // the next look, 1 ms later
    }

    @Test void framesTheLabSendsWhileTheSimulatorIsBehindLeaveInOneBatchOnceItCaughtUp() throws Exception {
        FakeDevice device = new FakeDevice(false);
        Port far = new Port("far:eth0", sim);
        bridged(device, far);
        sim.at(SimTime.millis(1), () -> far.transmit(new Frame(arpRequest())));
        sim.at(SimTime.millis(2), () -> {
            for (int i = 0; i < 3; i++) far.transmit(new Frame(arpRequest()));
            clock.now += SimTime.millis(4);             // a slow event: the three deliveries are due at once
        });
        sim.runUntil(SimTime.millis(10));
        assertThat(device.batches).containsExactly(1, 3);
        assertThat(device.injected).hasSize(4);
        assertThat(bridge.counters().framesOut()).isEqualTo(4);
    }

    @Test void aFrameQueuedWhileBehindLeavesWhenTheSimulatorCatchesUpEvenIfNothingElseIsSent() throws Exception {
        FakeDevice device = new FakeDevice(false);
        Port far = new Port("far:eth0", sim);
        bridged(device, far);
        sim.at(SimTime.millis(1), () -> {
            far.transmit(new Frame(arpRequest()));
            clock.now += SimTime.millis(2);
        });
        sim.at(SimTime.millis(1) + 1, () -> {});      // due when the frame reaches the bridge: behind, so it is queued
        sim.runUntil(SimTime.millis(5));
        assertThat(device.batches).containsExactly(1);
        assertThat(device.injected).hasSize(1);
    }

    @Test void aFrameTheInterfaceRefusesIsCountedAsADrop() throws Exception {
        FakeDevice device = new FakeDevice(false);
        device.refuseLongerThan = 40;
        Port far = new Port("far:eth0", sim);
        bridged(device, far);
        sim.at(SimTime.millis(1), () -> far.transmit(new Frame(arpRequest())));
        sim.at(SimTime.millis(2), () -> far.transmit(new Frame(java.util.Arrays.copyOf(arpRequest(), 40))));
        sim.runUntil(SimTime.millis(5));
        assertThat(bridge.counters().framesOut()).isEqualTo(1);
        assertThat(bridge.counters().bytesOut()).isEqualTo(40);
        assertThat(bridge.counters().drops()).containsExactly(java.util.Map.entry(BridgeCounters.Drop.INJECT_FAILED, 1L));
        assertThat(bridge.lastError()).isEqualTo("Message too long");
    }

    @Test void anInterfaceThatFailsStopsItsBridgeAndTheSimulatorRunsOn() throws Exception {
        FakeDevice device = new FakeDevice(false);
        bridged(device);
        boolean[] later = {false};
        sim.at(SimTime.millis(2), () -> device.failReceive = new PacketDeviceException(PacketDeviceException.Reason.FAILED, "The interface went down"));
        sim.at(SimTime.millis(8), () -> later[0] = true);
        assertThat(sim.runUntil(SimTime.millis(10))).isTrue();
        assertThat(later[0]).isTrue();
        assertThat(bridge.isRunning()).isFalse();
        assertThat(bridge.lastError()).isEqualTo("The interface went down");
        assertThat(sim.realTime().outside()).isNull();
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
        sim.enableRealTime(clock);
        Bridge b = new Bridge(sim, "br0", "veth0", device);
        assertThatThrownBy(b::start).isInstanceOfSatisfying(PacketDeviceException.class,
                e -> assertThat(e.reason()).isEqualTo(PacketDeviceException.Reason.PERMISSION));
        assertThat(b.isRunning()).isFalse();
        assertThat(sim.realTime().outside()).isNull();
    }

    @Test void closeSendsWhatIsQueuedAndTheSimulatorStopsServingTheDevice() throws Exception {
        FakeDevice device = new FakeDevice(false);
        Port far = new Port("far:eth0", sim);
        bridged(device, far);
        assertThat(sim.realTime().outside()).isNotNull();
        sim.at(SimTime.millis(1), () -> {
            far.transmit(new Frame(arpRequest()));
            clock.now += SimTime.millis(2);
        });
        sim.at(SimTime.millis(1) + 1, () -> {});      // due when the frame reaches the bridge: behind, so it is queued
        sim.runUntil(() -> bridge.counters().framesOut() == 1, SimTime.seconds(1));
        assertThat(device.injected).isEmpty();
        bridge.close();
        assertThat(device.injected).hasSize(1);
        assertThat(device.closed).isTrue();
        assertThat(bridge.isRunning()).isFalse();
        assertThat(sim.realTime().outside()).isNull();
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
