package io.wirelab.report;

import io.wirelab.devices.host.Host;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import io.wirelab.stack.tcp.TcpLayer;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportRecorderTest {
    private static final String TWO_PCS = """
            nodes:
              a: { kind: pc, ip: 10.0.0.1/24 }
              b: { kind: pc, ip: 10.0.0.2/24 }
            links:
              - [a, b]
            """;
    private static final int CONNECTIONS = ReportRecorder.REAL_TIME_SOCKET_LIMIT;   // each is two sockets, one per end

    @Test
    void aRealTimeRun_keepsTheFirstSocketsOnly() throws Exception {
        assertThat(socketsKept(true)).isEqualTo(ReportRecorder.REAL_TIME_SOCKET_LIMIT);
    }

    @Test
    void aVirtualTimeRun_keepsEverySocket() throws Exception {
        assertThat(socketsKept(false)).isEqualTo(2 * CONNECTIONS);
    }

    private static int socketsKept(boolean realTime) throws Exception {
        LabSpec spec = LabYamlReader.read("two.yaml", "two", TWO_PCS, n -> null);
        try (Lab lab = new LabBuilder(new StandardServices()).realTime(realTime).buildLab(spec, LabBuilder.Options.withoutCaptures())) {
            ReportRecorder recorder = ReportRecorder.of(lab);
            TcpLayer server = ((Host) lab.device("b")).stack().tcp();
            server.listen(7, s -> {});
            TcpLayer client = ((Host) lab.device("a")).stack().tcp();
            int[] opened = {0};
            for (int i = 0; i < CONNECTIONS; i++) client.connect(Ipv4Address.parse("10.0.0.2"), 7).thenRun(() -> opened[0]++);
            lab.simulator().runUntil(() -> opened[0] == CONNECTIONS, SimTime.seconds(10));
            assertThat(opened[0]).isEqualTo(CONNECTIONS);
            return recorder.sockets().size();
        }
    }
}
