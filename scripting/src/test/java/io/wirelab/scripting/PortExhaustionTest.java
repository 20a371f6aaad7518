package io.wirelab.scripting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP: The Definitive Guide §4.2.7: the closing side's TIME-WAIT ties up its ports for 2 x MSL. */
class PortExhaustionTest {
    @TempDir Path dir;

    @Test void timeWaitHoldsEveryEphemeralPort_untilTwoMslPass() throws Exception {
        TestLabs.Outcome o = run("tw", "ephemeral-ports: 50000-50002, msl: 30s", """
                assert pc1.sockets*.state*.toString() == ['TIME-WAIT'] * 3
                assert pc1.sockets.every { it.timeWaitRemainingNanos in 58_000_000_000L..60_000_000_000L }
                println pc1.sockets                             // like ss -tano: timer:(timewait,58sec,0)
                try {
                    pc1.tcpConnect('pc2', 80)
                    assert false : 'a fourth connection needs a fourth port'
                } catch (IllegalStateException e) {
                    assert e.message.contains('every port is in use or in TIME-WAIT')
                }
                lab.run(60.s)                                   // 2 x MSL later the ports are free again
                assert pc1.sockets.isEmpty()
                pc1.tcpConnect('pc2', 80).close()
                println 'exhausted, then free'
                """);
        assertThat(o.out()).contains("exhausted, then free").containsPattern("Peer Address:Port\\s+Timer\\n")
                .containsPattern("TIME-WAIT\\s+0\\s+0\\s+10\\.0\\.0\\.1:5000[0-2]\\s+10\\.0\\.0\\.2:80\\s+timer:\\(timewait,5[89]sec,0\\)");
    }

    /** Linux tcp_max_tw_buckets: past max-time-wait a closing connection gets no TIME-WAIT and its port is free at once. */
    @Test void maxTimeWait_boundsTheRecords_theThirdPortIsFreeAtOnce() throws Exception {
        TestLabs.Outcome o = run("twmax", "ephemeral-ports: 50000-50002, max-time-wait: 2", """
                assert pc1.sockets*.state*.toString() == ['TIME-WAIT'] * 2
                pc1.tcpConnect('pc2', 80).close()                 // the third port was free at once
                println 'bounded'
                """);
        assertThat(o.out()).contains("bounded");
    }

    /** pc1 (with tcpSettings) opens three connections to pc2 and closes each first, the lab runs 1 s, then the script goes on with then. */
    private TestLabs.Outcome run(String name, String tcpSettings, String then) throws Exception {
        Path yaml = Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { %s } }
                  pc2: { kind: server, ip: 10.0.0.2/24 }
                links:
                  - [pc1:eth0, pc2:eth0, { delay: 1ms }]
                script: |
                  def l = pc2.tcpListen(80)
                  3.times {
                      def c = pc1.tcpConnect('pc2', 80)
                      def s = l.accept()
                      c.close()                                   // the client closes first: it gets TIME-WAIT
                      assert s.read() == null
                      s.close()
                  }
                  lab.run(1.s)
                """.formatted(name, tcpSettings) + then.indent(2));
        TestLabs.Outcome o = TestLabs.run(yaml, dir.resolve("out-" + name));
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        return o;
    }
}
