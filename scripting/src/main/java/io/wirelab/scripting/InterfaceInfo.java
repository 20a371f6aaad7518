package io.wirelab.scripting;

import io.wirelab.stack.NetInterface;

/** One interface of a host as scripts see it: {@code pc1.interfaces[0].cidr}. */
public record InterfaceInfo(String name, String mac, String cidr, int mtu) {
    static InterfaceInfo of(NetInterface i) {
        return new InterfaceInfo(i.name(), i.mac().toString(), i.cidr() == null ? null : i.cidr().toString(), i.mtu());
    }

    @Override public String toString() { return name + " " + mac + (cidr == null ? "" : " " + cidr); }
}
