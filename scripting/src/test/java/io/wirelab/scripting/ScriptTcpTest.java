package io.wirelab.scripting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** tcpListen / tcpConnect: blocking-style sockets over the event loop, for half close and resets. */
class ScriptTcpTest {
    @TempDir Path dir;

    TestLabs.Outcome run(String script) throws Exception {
        return TestLabs.run(TestLabs.inlineLab(dir, script), dir.resolve("out"));
    }

    @Test void exchange_thenHalfClose_peerKeepsSending_rfc9293_3_6() throws Exception {
        TestLabs.Outcome o = run("""
                def l = pc2.tcpListen(7000)
                def c = pc1.tcpConnect('pc2', 7000)
                def s = l.accept()
                assert c.state == 'ESTABLISHED' && s.state == 'ESTABLISHED'
                c.send('hello')
                assert s.read() == 'hello'
                c.shutdownOutput()
                assert s.read() == null                  // FIN: end of stream, but s may still send
                s.send('still here')
                s.close()
                assert c.readAll() == 'still here'
                c.close()
                lab.run(1.s)
                assert c.state == 'TIME-WAIT'            // the side that closed first waits 2 x MSL
                assert s.state == 'CLOSED' && s.closeReason == 'closed normally'
                println 'ok'
                """);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("ok");
    }

    @Test void hostCounters_includeTcps_asNstatDoes() throws Exception {
        TestLabs.Outcome o = run("""
                def l = pc2.tcpListen(7000)
                def c = pc1.tcpConnect('pc2', 7000)
                l.accept()
                assert pc1.counters.'tcp.active_opens' == 1 && pc1.counters.'tcp.passive_opens' == 0
                assert pc2.counters.get('tcp.passive_opens') == 1
                assert pc1.counters.toMap().keySet().any { !it.startsWith('tcp.') }
                println pc1.counters
                """);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).containsPattern("tcp\\.active_opens\\s+1\\n");
    }

    @Test void closedPort_refusesTheConnection() throws Exception {
        TestLabs.Outcome o = run("pc1.tcpConnect('pc2', 9)\n");
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("two-pcs.yaml:12").contains("connect to 10.0.0.2:9 failed").containsIgnoringCase("refused");
    }

    @Test void absentLanHost_connectFailsAfterThreeSecondsWithNoRouteToHost_asLinux() throws Exception {
        TestLabs.Outcome o = run("""
                def t0 = lab.now
                try {
                    pc1.tcpConnect('10.0.0.9', 80)
                    assert false : 'nobody has 10.0.0.9'
                } catch (IllegalStateException e) {
                    println e.message
                }
                assert lab.now - t0 == 3.s                // ARP gives up after 3 requests; no 127 s of SYN retries
                println 'failed fast'
                """);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("connect to 10.0.0.9:80 failed").contains("no route to host").contains("failed fast");
    }

    @Test void closingWithUnreadData_resetsThePeer() throws Exception {
        TestLabs.Outcome o = run("""
                def l = pc2.tcpListen(7000)
                def c = pc1.tcpConnect('pc2', 7000)
                def s = l.accept()
                c.send('GET / HTTP/1.1\\r\\n\\r\\n')
                lab.run(100.ms)
                s.close()                                 // unread request bytes: RST, not FIN
                lab.run(100.ms)
                assert c.closeReason == 'connection reset by peer'
                println 'reset seen'
                """);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("reset seen");
    }
}
