package io.wirelab.labs.build;

import io.wirelab.devices.host.PingOptions;
import io.wirelab.devices.host.PingResult;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.HostRuntime;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.run.LabTimeoutException;
import io.wirelab.link.LinkParams;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabBuilderTest {
    static final long SECOND = 1_000_000_000L;

    static PingResult ping(Lab lab) {
        return lab.await(lab.host("pc1").ping(Ipv4Address.parse("10.0.0.2"), PingOptions.defaults()), 10 * SECOND);
    }

    @Test void pingBasics_buildsDevicesInFileOrder_withDeterministicMacs(@TempDir Path out) throws Exception {
        try (Lab lab = LabBuilder.build(BuiltinLabs.resolve("ping-basics"), LabBuilder.Options.to(out))) {
            assertThat(lab.devices().sequencedKeySet()).containsExactly("pc1", "pc2", "sw1");
            assertThat(lab.host("pc2").stack().iface("eth0").mac()).isEqualTo(MacAddress.parse("02:00:00:00:02:00"));
            assertThat(lab.host("pc2").stack().iface("eth0").cidr()).hasToString("10.0.0.2/24");
            assertThat(lab.links()).hasSize(2);
            assertThat(lab.now()).isZero();
        }
    }

    @Test void pingBasics_rttIsFourLinkCrossings(@TempDir Path out) throws Exception {
        try (Lab lab = LabBuilder.build(BuiltinLabs.resolve("ping-basics"), LabBuilder.Options.to(out))) {
            PingResult r = ping(lab);
            assertThat(r.sent()).isEqualTo(4);
            assertThat(r.received()).isEqualTo(4);
            // request and reply each cross two 100 Mbit/s, 1 ms links (pc -> sw1 -> pc); 14+20+8+56 = 98-byte frames
            long oneLink = 1_000_000L + LinkParams.builder().bandwidth(100_000_000L).build().serializationNanos(98);
            assertThat(oneLink).isEqualTo(1_009_760L);
            assertThat(r.rttNanos().subList(1, 4)).containsOnly(4 * oneLink);
            assertThat(r.rttNanos().getFirst()).as("the first ping waits for ARP").isGreaterThan(4 * oneLink);
        }
    }

    @Test void captures_oneFilePerPoint_completeAfterClose_andCloseIsIdempotent(@TempDir Path out) throws Exception {
        Lab lab = LabBuilder.build(BuiltinLabs.resolve("ping-basics"), LabBuilder.Options.to(out));
        ping(lab);
        lab.close();
        lab.close();
        assertThat(lab.captureFiles()).containsExactly(out.resolve("pc1-eth0.pcapng"), out.resolve("pc2-eth0.pcapng"));
        // ARP request + reply and 4 echo pairs = 10 frames on each PC link
        assertThat(lab.captures()).allSatisfy(c -> assertThat(c.frames()).isEqualTo(10));
        assertThat(Files.size(out.resolve("pc1-eth0.pcapng"))).isGreaterThan(10 * 98);
    }

    @Test void sameSeed_givesByteIdenticalCaptures(@TempDir Path out) throws Exception {
        LabSpec spec = BuiltinLabs.resolve("ping-basics");
        for (String run : new String[] {"a", "b"}) {
            try (Lab lab = LabBuilder.build(spec, LabBuilder.Options.to(out.resolve(run)).withSeed(7))) {
                assertThat(lab.seed()).isEqualTo(7);
                ping(lab);
            }
        }
        assertThat(Files.readAllBytes(out.resolve("a/pc1-eth0.pcapng"))).isEqualTo(Files.readAllBytes(out.resolve("b/pc1-eth0.pcapng")));
    }

    @Test void await_neverDone_timesOutInVirtualTime() throws Exception {
        try (Lab lab = LabBuilder.build(BuiltinLabs.resolve("ping-basics"), LabBuilder.Options.withoutCaptures())) {
            assertThatThrownBy(() -> lab.await(new CompletableFuture<>(), 2 * SECOND))
                    .isInstanceOf(LabTimeoutException.class)
                    .hasMessageStartingWith("not done after 2 s of virtual time");
            assertThat(lab.now()).isEqualTo(2 * SECOND);
        }
    }

    @Test void unknownDevice_suggestsTheClosestName() throws Exception {
        try (Lab lab = LabBuilder.build(BuiltinLabs.resolve("ping-basics"), LabBuilder.Options.withoutCaptures())) {
            assertThatThrownBy(() -> lab.device("pc3")).hasMessage("no device 'pc3' in lab ping-basics (did you mean 'pc1'?)");
            assertThatThrownBy(() -> lab.host("sw1")).hasMessage("sw1 is a switch, not a host");
        }
    }

    @Test void services_withoutAnInstaller_areRefused() throws Exception {
        LabSpec spec = io.wirelab.labs.yaml.LabYamlReader.read("s.yaml", "s",
                "nodes: { web1: { kind: server, ip: 10.0.0.80/24, services: { web: { port: 80 } } } }\n", n -> null);
        assertThatThrownBy(() -> new LabBuilder(ServiceInstaller.NONE).buildLab(spec, LabBuilder.Options.withoutCaptures()))
                .isInstanceOf(LabBuildException.class)
                .hasMessage("web1 asks for services, but this build of wirelab installs none");
        boolean[] called = {false};
        ServiceInstaller recording = (node, host, context) -> {
            called[0] = node.services().web().port() == 80;
            return HostRuntime.bare(host, node.tcp());
        };
        try (Lab _ = new LabBuilder(recording).buildLab(spec, LabBuilder.Options.withoutCaptures())) {
            assertThat(called[0]).isTrue();
        }
    }
}
