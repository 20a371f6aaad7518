package io.wirelab.devices.l2;

import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.link.PortCounters;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.udp.UdpSocket;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same random lab run twice, its switches flooding through FloodFanout's shared path for plain
 * ports and then through each port's own path only: every delivery (with its time), capture, counter,
 * ARP cache and the number of events must be the same. The labs mix plain links with impaired, slower,
 * delayed, captured and downed ones, and change them while frames are on the wire.
 */
class FloodFanoutDifferentialTest {
    private static final int SEEDS = 24;

    @Test
    void sharedPathAndPerPortPath_sameOutcome_overRandomLabs() {
        long shared = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Lab fast = new Lab(seed, false);
            Lab reference = new Lab(seed, true);
            assertThat(fast.log).as("seed %d: deliveries, captures, counters", seed).isEqualTo(reference.log);
            assertThat(fast.sim.eventsExecuted()).as("seed %d: events", seed).isEqualTo(reference.sim.eventsExecuted());
            assertThat(reference.sharedPathFloods()).isZero();
            shared += fast.sharedPathFloods();
        }
        assertThat(shared).as("frames flooded through the shared path").isGreaterThan(1000);
    }

    /** A chain of switches with stacks on their ports, random traffic, and changes during the run. */
    static final class Lab {
        final Simulator sim;
        final SplittableRandom random;
        final List<String> log = new ArrayList<>();
        final List<LearningSwitch> switches = new ArrayList<>();
        final List<Port> allPorts = new ArrayList<>();
        final List<Link> links = new ArrayList<>();
        final List<NetworkStack> stacks = new ArrayList<>();
        final List<NetInterface> ifaces = new ArrayList<>();
        final List<UdpSocket> sockets = new ArrayList<>();

        Lab(long seed, boolean perPort) {
            sim = new Simulator(seed);
            random = new SplittableRandom(seed);
            int switchCount = 1 + random.nextInt(3);
            for (int s = 0; s < switchCount; s++) {
                LearningSwitch sw = new LearningSwitch(sim, "sw" + (s + 1), 4 + random.nextInt(9));
                sw.setPerPortFlood(perPort);
                switches.add(sw);
                allPorts.addAll(sw.ports());
                if (s > 0) links.add(connect(switches.get(s - 1).ports().getLast(), sw.ports().getFirst()));
            }
            int host = 0;
            for (LearningSwitch sw : switches) {
                for (Port swPort : sw.ports()) {
                    if (swPort.isConnected() || random.nextInt(8) == 0) continue;   // some ports stay empty
                    host++;
                    addHost(host, swPort);
                }
            }
            traffic();
            sim.runFor(SimTime.millis(200));
            record();
        }

        long sharedPathFloods() { return switches.stream().mapToLong(LearningSwitch::sharedPathFloods).sum(); }

        private Link connect(Port a, Port b) {
            LinkParams p = switch (random.nextInt(10)) {
                case 0 -> LinkParams.DEFAULT.withLoss(0.2);
                case 1 -> LinkParams.DEFAULT.withJitter(3_000);
                case 2 -> LinkParams.DEFAULT.withBandwidth(10_000_000);
                case 3 -> LinkParams.DEFAULT.withDelay(5_000);
                case 4 -> LinkParams.DEFAULT.withBandwidth(0);
                case 5 -> LinkParams.DEFAULT.withQueueFrames(1).withBandwidth(100_000_000);
                default -> LinkParams.DEFAULT.withDelay(20_000);
            };
            return Link.connect(sim, a, b, p);
        }

        private void addHost(int n, Port swPort) {
            Port port = new Port("h" + n + ":eth0", sim);
            allPorts.add(port);
            links.add(connect(port, swPort));
            NetworkStack stack = new NetworkStack(sim, "h" + n);
            NetInterface iface = stack.addInterface("eth0", port, MacAddress.local(n));
            if (random.nextInt(6) != 0) iface.configure(Ipv4Cidr.parse("10.0.0." + n + "/24"));
            int udpPort = random.nextInt(3) == 0 ? 67 : 5000 + random.nextInt(3);
            sockets.add(stack.udp().bind(Ipv4Address.ANY, udpPort,
                    (d, now) -> log.add(now + " h" + n + " udp " + d.destination() + ":" + udpPort + " from " + d.source())));
            if (random.nextInt(5) == 0) tap(port);
            stacks.add(stack);
            ifaces.add(iface);
        }

        private void tap(Port port) {
            port.addTap((p, dir, f, now) -> log.add(now + " " + p + " " + dir + " " + Arrays.hashCode(f.bytes())));
        }

        /** Broadcasts, ARP for present and absent addresses, probes, and changes to ports and links, at random times. */
        private void traffic() {
            int hosts = stacks.size();
            for (int k = 0; k < 60; k++) {
                long at = random.nextLong(0, SimTime.millis(150));
                int h = random.nextInt(hosts);
                int action = random.nextInt(16);
                sim.at(at, () -> act(h, action));
            }
        }

        private void act(int h, int action) {
            NetworkStack stack = stacks.get(h);
            NetInterface iface = ifaces.get(h);
            UdpSocket socket = sockets.get(h);
            int other = 1 + random.nextInt(stacks.size() + 3);   // sometimes an address nobody has
            byte[] data = new byte[1 + random.nextInt(40)];
            switch (action) {
                case 0, 1, 2 -> socket.sendTo(Ipv4Address.BROADCAST, random.nextInt(2) == 0 ? 67 : 5000 + random.nextInt(4), data);
                case 3, 4, 5, 6 -> socket.sendTo(Ipv4Address.parse("10.0.0." + other), 5000 + random.nextInt(3), data);
                case 7 -> stack.arp().probe(iface, Ipv4Address.parse("10.0.0." + other), conflict -> log.add(sim.now() + " probe " + conflict));
                case 8 -> iface.configure(Ipv4Cidr.parse("10.0.0." + other + "/24"));
                case 9 -> {
                    if (stack.udp().boundPorts().mayHold(5003)) return;
                    UdpSocket s = stack.udp().bind(Ipv4Address.ANY, 5003, (d, now) -> log.add(now + " h" + h + " late udp 5003"));
                    sim.after(SimTime.millis(3), s::close);
                }
                default -> {   // a broadcast, then a change while its frames are on the wire, then another
                    socket.sendTo(Ipv4Address.BROADCAST, 5000 + random.nextInt(4), data);
                    long later = random.nextInt(3) == 0 ? 0 : random.nextLong(0, 6_000);
                    int change = random.nextInt(5);
                    if (later == 0) change(change);
                    else sim.after(later, () -> change(change));
                    sim.after(later + random.nextLong(0, 3_000), () -> socket.sendTo(Ipv4Address.BROADCAST, 5000 + random.nextInt(4), data));
                }
            }
        }

        private void change(int change) {
            switch (change) {
                case 0 -> tap(allPorts.get(random.nextInt(allPorts.size())));
                case 1 -> {
                    Port p = allPorts.get(random.nextInt(allPorts.size()));
                    p.setAdminUp(false);
                    sim.after(random.nextLong(0, 20_000), () -> p.setAdminUp(true));
                }
                case 2 -> {
                    Link l = links.get(random.nextInt(links.size()));
                    l.setUp(false);
                    sim.after(random.nextLong(0, 20_000), () -> l.setUp(true));
                }
                case 3 -> links.get(random.nextInt(links.size())).setParams(LinkParams.DEFAULT.withDelay(random.nextLong(0, 4_000)));
                default -> {
                    Link l = links.get(random.nextInt(links.size()));
                    l.setParams(l.a(), random.nextInt(2) == 0 ? LinkParams.DEFAULT.withLoss(0.5) : LinkParams.DEFAULT.withDelay(8_000));
                }
            }
        }

        private void record() {
            for (NetworkStack s : stacks) {
                log.add(s.counters().snapshot().toString());
                log.add(s.arp().entries().toString());
            }
            for (Port p : allPorts) {
                PortCounters c = p.counters();
                StringBuilder drops = new StringBuilder();
                for (PortCounters.Drop d : PortCounters.Drop.values()) drops.append(' ').append(c.drops(d));
                log.add(p + " tx " + c.txFrames() + "/" + c.txBytes() + " rx " + c.rxFrames() + "/" + c.rxBytes() + drops);
            }
            for (LearningSwitch sw : switches)
                for (Port p : sw.ports()) log.add(p + " " + sw.counters(p.name().substring(p.name().indexOf(':') + 1)));
            log.add("now " + sim.now());
        }
    }
}
