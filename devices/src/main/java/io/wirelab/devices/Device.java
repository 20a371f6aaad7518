package io.wirelab.devices;

import io.wirelab.link.Port;

import java.util.List;

/** Anything in a lab with ports: a host, a switch, a router. */
public interface Device {
    /** Lab-unique name, e.g. "pc1". */
    String name();

    /** What it is: "pc", "server", "switch", ... */
    String kind();

    /** Its ports in creation order; each is named "<name>:<iface>". */
    List<Port> ports();

    /** The port of interface ifaceName ("eth0"), or null. */
    Port port(String ifaceName);
}
