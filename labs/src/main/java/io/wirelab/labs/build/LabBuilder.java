package io.wirelab.labs.build;

import io.wirelab.bridge.Libpcap;
import io.wirelab.bridge.PacketDevice;
import io.wirelab.bridge.PacketDeviceException;
import io.wirelab.devices.Device;
import io.wirelab.devices.bridge.BridgeDevice;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.devices.router.Router;
import io.wirelab.labs.model.CaptureSpec;
import io.wirelab.labs.model.InterfaceSpec;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.RouteSpec;
import io.wirelab.labs.run.HostRuntime;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.run.LabTls;
import io.wirelab.link.Link;
import io.wirelab.link.Port;
import io.wirelab.pcap.Capture;
import io.wirelab.pcap.CaptureFiles;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a LabSpec into a running Lab (Mininet's buildFromTopo): a Simulator with the lab's seed,
 * devices in file order with their MACs and static addresses, links, one pcapng per capture point
 * in the output directory, then services through the ServiceInstaller. No virtual time passes.
 */
public final class LabBuilder {
    /**
     * outDir receives the captures; seed, when not null, replaces the lab's; capture false skips
     * captures; at most maxOpenCaptureFiles capture files hold a file descriptor at once (CaptureFiles).
     */
    public record Options(Path outDir, Long seed, boolean capture, int maxOpenCaptureFiles) {
        public static Options to(Path outDir) { return new Options(outDir, null, true, CaptureFiles.DEFAULT_LIMIT); }
        public static Options withoutCaptures() { return new Options(null, null, false, CaptureFiles.DEFAULT_LIMIT); }
        public Options withSeed(long s) { return new Options(outDir, s, capture, maxOpenCaptureFiles); }
        public Options withMaxOpenCaptureFiles(int n) { return new Options(outDir, seed, capture, n); }
    }

    private final ServiceInstaller services;
    private Supplier<PacketDevice> packetDevices = Libpcap::new;
    private Clock wallClock = Clock.systemUTC();
    private boolean realTime;

    public LabBuilder(ServiceInstaller services) { this.services = services; }

    /** Builds with StandardServices: resolvers, DHCP clients, DHCP and DNS servers. */
    public static Lab build(LabSpec spec, Options options) { return new LabBuilder(new StandardServices()).buildLab(spec, options); }

    public Lab buildLab(LabSpec spec, Options options) {
        MemoryEstimate.of(spec).check(Runtime.getRuntime().maxMemory(), MemoryEstimate.machineBytes());
        if (options.capture() && options.outDir() == null && !spec.captures().isEmpty())
            throw new LabBuildException("lab " + spec.name() + " has captures but no output directory was given");
        LabSpec s = options.seed() == null ? spec : spec.withSeed(options.seed());
        Simulator sim = new Simulator(s.seed());
        if (realTime || s.hasBridges()) sim.enableRealTime();

        LinkedHashMap<String, Device> devices = new LinkedHashMap<>();
        for (NodeSpec n : s.nodes()) {
            devices.put(n.name(), n.kind() == NodeKind.BRIDGE
                    ? new BridgeDevice(sim, n.name(), n.interfaces().getFirst().name(), packetDevices.get())
                    : device(sim, n));
        }

        List<Link> links = new ArrayList<>();
        for (LinkSpec l : s.links()) {
            Port a = devices.get(l.a().node()).port(l.a().iface());
            Port b = devices.get(l.b().node()).port(l.b().iface());
            links.add(Link.connect(sim, a, b, l.params()));
            for (var end : List.of(l.a(), l.b()))   // a router fragments to (or reports) its link's MTU, RFC 1812 §5.2.6
                if (devices.get(end.node()) instanceof Router r) r.stack().iface(end.iface()).setMtu(l.params().mtu());
        }

        List<Capture> captures = new ArrayList<>();
        CaptureFiles files = new CaptureFiles(options.maxOpenCaptureFiles());
        if (options.capture()) {
            String comment = "wirelab lab " + s.name() + ", seed " + s.seed();
            try {
                for (CaptureSpec c : s.captures())
                    captures.add(Capture.ofPort(options.outDir(), devices.get(c.point().node()).port(c.point().iface()), comment, files));
            } catch (IOException | RuntimeException e) {
                for (Capture c : captures) {
                    try { c.close(); } catch (IOException suppressed) { e.addSuppressed(suppressed); }
                }
                files.discard();                                     // no partial captures are left behind
                throw new LabBuildException("cannot create captures in " + options.outDir() + ": " + e.getMessage(), e);
            }
        }

        LabTls tls = new LabTls(sim, s.name(), options.capture() ? options.outDir() : null, wallClock);
        LabContext context = new LabContext(s, tls);
        Path labOutDir = options.capture() ? options.outDir() : null;
        LinkedHashMap<String, HostRuntime> runtimes = new LinkedHashMap<>();
        try {
            for (NodeSpec n : s.nodes()) if (devices.get(n.name()) instanceof Host h) runtimes.put(n.name(), services.install(n, h, context));
            for (Device d : devices.values()) if (d instanceof BridgeDevice b) startBridge(b);
        } catch (RuntimeException e) {
            new Lab(s, sim, devices, runtimes, links, captures, labOutDir, tls, files).close();   // finishes captures, releases bridges
            throw e;
        }
        return new Lab(s, sim, devices, runtimes, links, captures, labOutDir, tls, files);
    }

    /** Runs the lab in real time from its first event, as a bridged lab does (run --realtime), so its certificates carry the real date. */
    public LabBuilder realTime(boolean on) {
        this.realTime = on;
        return this;
    }

    /** The real date a real-time lab's certificates start from (the system clock unless a test substitutes one). */
    public LabBuilder wallClock(Clock clock) {
        this.wallClock = clock;
        return this;
    }

    /** Where bridges get their real interface (libpcap unless a test substitutes one). */
    public LabBuilder packetDevices(Supplier<PacketDevice> factory) {
        this.packetDevices = factory;
        return this;
    }

    private static void startBridge(BridgeDevice b) {
        try {
            b.start();
        } catch (PacketDeviceException e) {
            throw new LabBuildException("bridge " + b.name() + ": " + e.getMessage(), e);
        }
    }

    private static Device device(Simulator sim, NodeSpec n) {
        if (n.kind() == NodeKind.ROUTER) {
            Router r = new Router(sim, n.name());
            for (InterfaceSpec i : n.interfaces()) r.addInterface(i.name(), i.mac(), i.address());
            for (RouteSpec route : n.routes()) r.addRoute(route.destination(), route.via());
            for (InterfaceSpec i : n.interfaces()) if (!i.dhcpRelay().isEmpty()) r.relayDhcp(i.name(), i.dhcpRelay());
            return r;
        }
        if (!n.isHost()) {
            return new LearningSwitch(sim, n.name(), n.interfaces().size(), n.macAgingNanos(), n.macTableSize());
        }
        Host h = new Host(sim, n.name(), n.kind().yamlName());
        for (InterfaceSpec i : n.interfaces()) {
            NetInterface ni = h.addInterface(i.name(), i.mac());
            if (i.address() != null) ni.configure(i.address());
        }
        if (n.gateway() != null) h.stack().setDefaultGateway(n.gateway());
        for (RouteSpec route : n.routes()) h.stack().routes().addRoute(route.destination(), route.via());
        h.stack().tcp().ephemeralPorts().setRange(n.ephemeralPorts().first(), n.ephemeralPorts().last());
        return h;
    }
}
