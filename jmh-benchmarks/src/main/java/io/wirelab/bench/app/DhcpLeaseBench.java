package io.wirelab.bench.app;

import io.wirelab.devices.dhcp.DhcpPoolConfig;
import io.wirelab.devices.dhcp.DhcpServer;
import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpClientOptions;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * N PCs and a DHCP server on one switch; every PC asks for a lease at once (DISCOVER, OFFER, REQUEST,
 * ACK, the ARP probe of RFC 5227, all broadcasts flooded to the N ports). The score is milliseconds
 * of wall time until every PC is bound; divide by N for the cost of one lease among N PCs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DhcpLeaseBench {
    @Param({"100", "1000"})
    public int pcs;

    @Benchmark
    public int allLeased() {
        Simulator sim = new Simulator(1);
        LearningSwitch sw = new LearningSwitch(sim, "sw1", pcs + 1);
        Host server = new Host(sim, "dhcp1", "server");
        server.addInterface("eth0", MacAddress.local(0xffffff)).configure(Ipv4Cidr.parse("10.0.0.1/16"));
        Link.connect(sim, server.port("eth0"), sw.port("p1"), LinkParams.DEFAULT);
        new DhcpServer(server.stack(), sim).addPool(DhcpPoolConfig.of("10.0.0.0/16", "10.0.1.0", "10.0.255.254",
                "10.0.0.1", null, null, 3600)).start();
        List<CompletableFuture<?>> leases = new ArrayList<>(pcs);
        for (int i = 1; i <= pcs; i++) {
            Host pc = new Host(sim, "pc" + i, "pc");
            pc.addInterface("eth0", MacAddress.local(i));
            Link.connect(sim, pc.port("eth0"), sw.port("p" + (i + 1)), LinkParams.DEFAULT);
            DhcpClient c = new DhcpClient(pc.stack(), pc.stack().iface("eth0"), DhcpClientOptions.defaults());
            c.start();
            leases.add(c.leaseFuture());
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(leases.toArray(CompletableFuture[]::new));
        if (!sim.runUntil(all, SimTime.seconds(600))) throw new IllegalStateException("not every PC got a lease");
        return leases.size();
    }
}
