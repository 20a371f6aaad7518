package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.host.Host;
import io.wirelab.devices.host.PingOptions;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 12 finding 2: a device fault drops the frame, the lab goes on serving, and the batch run ends with the list and exit 1. */
class FaultReportTest {
    @Test void aFaultingDevice_isReportedOnceAsItHappens_theLabGoesOn_andTheRunExits1WithTheList() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Lab lab = LabBuilder.build(BuiltinLabs.builtin("ping-basics"), LabBuilder.Options.withoutCaptures())) {
            FaultReport.asTheyHappen(lab, err);
            Host pc1 = lab.host("pc1"), pc2 = lab.host("pc2");
            pc2.stack().udp().bind(Ipv4Address.ANY, 7000, (d, now) -> { throw new IllegalStateException("handler bug"); });
            var socket = pc1.stack().udp().bind(Ipv4Address.ANY, 5000, (d, now) -> { });
            for (int i = 0; i < 3; i++) socket.sendTo(Ipv4Address.parse("10.0.0.2"), 7000, new byte[] {1, 2, 3});
            lab.run(SimTime.seconds(1));
            var ping = lab.await(pc1.ping(Ipv4Address.parse("10.0.0.2"), PingOptions.defaults().withCount(2)), SimTime.seconds(10));
            assertThat(ping.allReceived()).isTrue();
            assertThat(FaultReport.atEnd(lab, err, Main.OK)).isEqualTo(Main.FAILED);
            assertThat(FaultReport.atEnd(lab, err, Main.USAGE)).isEqualTo(Main.USAGE);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().filter(l -> l.startsWith("wirelab: pc2: dropped a frame it failed to handle"))).hasSize(1);
        assertThat(printed).contains("wirelab: 3 frames were dropped because a device failed to handle them:\n"
                + "  pc2: dropped a frame it failed to handle (udp 10.0.0.1:5000 > 10.0.0.2:7000): IllegalStateException: handler bug at FaultReportTest.")
                .contains("(3 frames, first at ")
                .doesNotContain("\tat ");
    }

    @Test void aRunWithoutFaults_keepsItsExitCode_andPrintsNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Lab lab = LabBuilder.build(BuiltinLabs.builtin("ping-basics"), LabBuilder.Options.withoutCaptures())) {
            assertThat(FaultReport.atEnd(lab, new PrintStream(bytes, true, StandardCharsets.UTF_8), Main.OK)).isEqualTo(Main.OK);
        }
        assertThat(bytes.size()).isZero();
    }
}
