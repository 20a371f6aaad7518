package io.wirelab.devices.bridge;

import io.wirelab.bridge.Bridge;
import io.wirelab.bridge.PacketDevice;
import io.wirelab.bridge.PacketDeviceException;
import io.wirelab.devices.Device;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;

import java.util.List;

/**
 * A lab device that is a real interface: its one port, named after the host interface
 * ("uplink:veth0"), leads to the network outside through a Bridge. close() releases the interface.
 */
public final class BridgeDevice implements Device, AutoCloseable {
    public static final String KIND = "bridge";

    private final String name;
    private final Bridge bridge;

    public BridgeDevice(Simulator sim, String name, String hostInterface, PacketDevice device) {
        this.name = name;
        this.bridge = new Bridge(sim, name, hostInterface, device);
    }

    /** A bridge over libpcap (the FFM binding). */
    public static BridgeDevice overLibpcap(Simulator sim, String name, String hostInterface) {
        return new BridgeDevice(sim, name, hostInterface, new io.wirelab.bridge.Libpcap());
    }

    @Override public String name() { return name; }
    @Override public String kind() { return KIND; }
    @Override public List<Port> ports() { return List.of(bridge.port()); }
    @Override public Port port(String ifaceName) { return ifaceName.equals(bridge.hostInterface()) ? bridge.port() : null; }

    public Bridge bridge() { return bridge; }
    public String hostInterface() { return bridge.hostInterface(); }

    /** Opens the host interface; the simulator must be in real-time mode. */
    public void start() throws PacketDeviceException { bridge.start(); }

    @Override public void close() { bridge.close(); }

    @Override public String toString() { return "bridge " + name + " to " + bridge.hostInterface(); }
}
