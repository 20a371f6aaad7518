package io.wirelab.bench.stack;

import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Cidr;

/** The bulk benchmarks' lab: pc1 (10.0.0.1) and srv (10.0.0.2) on one switch, both links with the same settings. */
record TwoHostsOnASwitch(Simulator sim, Host pc1, Host srv) {
    static TwoHostsOnASwitch build(LinkParams link) {
        Simulator sim = new Simulator(1);
        LearningSwitch sw = new LearningSwitch(sim, "sw1", 2);
        Host a = new Host(sim, "pc1", "pc");
        Host b = new Host(sim, "srv", "server");
        a.addInterface("eth0", MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
        b.addInterface("eth0", MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        Link.connect(sim, a.port("eth0"), sw.port("p1"), link);
        Link.connect(sim, b.port("eth0"), sw.port("p2"), link);
        return new TwoHostsOnASwitch(sim, a, b);
    }
}
