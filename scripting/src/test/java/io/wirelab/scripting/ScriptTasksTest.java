package io.wirelab.scripting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** lab.spawn, lab.at, lab.every and onAccept: tasks that wait in virtual time, one at a time, in the simulator's order. */
class ScriptTasksTest {
    @TempDir Path dir;

    TestLabs.Outcome run(String script) throws Exception {
        return run(script, "out");
    }

    TestLabs.Outcome run(String script, String out) throws Exception {
        Path labDir = Files.createDirectories(dir.resolve(out + "-lab"));
        return TestLabs.run(TestLabs.inlineLab(labDir, script), dir.resolve(out));
    }

    static final String ECHO_SERVER_AND_CLIENTS = """
            pc2.tcpListen(7).onAccept { s ->
                for (String line = s.read(timeout: 5.s); line != null; line = s.read(timeout: 5.s)) s.send(line.toUpperCase())
                s.close()
            }
            def clients = (1..3).collect { i ->
                lab.spawn("client $i") {
                    lab.run((i * 10).ms)
                    def c = pc1.tcpConnect('pc2', 7)
                    c.send("hello $i")
                    def got = c.read()
                    c.close()
                    println "${lab.now} client $i got $got"
                    got
                }
            }
            assert clients*.join() == ['HELLO 1', 'HELLO 2', 'HELLO 3']
            assert clients.every { it.done }
            """;

    @Test void customServerAndClients_runTogether_inVirtualTime() throws Exception {
        TestLabs.Outcome o = run(ECHO_SERVER_AND_CLIENTS);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        // each client waits its own 10 ms before connecting: they finish in that order
        assertThat(o.out().lines().filter(l -> l.contains(" got ")).map(l -> l.substring(l.indexOf("client"))).toList())
                .containsExactly("client 1 got HELLO 1", "client 2 got HELLO 2", "client 3 got HELLO 3");
    }

    @Test void sameScriptTwice_givesByteIdenticalCapturesAndOutput() throws Exception {
        TestLabs.Outcome a = run(ECHO_SERVER_AND_CLIENTS, "a");
        TestLabs.Outcome b = run(ECHO_SERVER_AND_CLIENTS, "b");
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.out()).isEqualTo(a.out());
        byte[] first = Files.readAllBytes(dir.resolve("a/pc1-eth0.pcapng"));
        assertThat(first.length).isGreaterThan(1000);
        assertThat(Files.readAllBytes(dir.resolve("b/pc1-eth0.pcapng"))).isEqualTo(first);
    }

    @Test void atAndEvery_runAtTheirLabTimes_andSleepsInTasksDoNotMoveTheScriptsClock() throws Exception {
        TestLabs.Outcome o = run("""
                def seen = []
                lab.at(250.ms) { seen << "at ${lab.now}"; lab.run(1.s); seen << "at+1s ${lab.now}" }
                def t = lab.every(100.ms) { seen << "tick ${lab.now}" }
                lab.run(350.ms)
                t.cancel()
                assert lab.now == 350.ms
                lab.run(2.s)
                assert seen == ['tick 100 ms', 'tick 200 ms', 'at 250 ms', 'tick 300 ms', 'at+1s 1.25 s']
                println 'ordered'
                """);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("ordered");
    }

    @Test void aTaskMayPingAndResolve_whileTheScriptRunsTheLab() throws Exception {
        TestLabs.Outcome o = run("""
                def p = lab.spawn { pc1.ping('pc2', count: 3, interval: 100.ms, quiet: true) }
                lab.run(50.ms)
                assert !p.done
                assert p.join().received == 3
                println "joined at ${lab.now}"
                """);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).containsPattern("joined at 2\\d\\d(\\.\\d+)? ms");
    }

    @Test void aFailingTask_failsTheScript_withItsNameAndLine() throws Exception {
        TestLabs.Outcome o = run("""
                lab.spawn('bad server') {
                    lab.run(1.s)
                    assert 1 == 2
                }
                lab.run(5.s)
                println 'not reached'
                """);
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("two-pcs.yaml:14").contains("bad server failed");
        assertThat(o.out()).doesNotContain("not reached");
    }

    @Test void readTimeout_saysWhatItWaitedFor_withUnits() throws Exception {
        TestLabs.Outcome o = run("""
                def l = pc2.tcpListen(7000)
                def c = pc1.tcpConnect('pc2', 7000)
                def s = l.accept()
                def t0 = lab.now
                try {
                    s.read(timeout: 2.s)
                    assert false
                } catch (e) {
                    println e.message
                }
                assert lab.now - t0 == 2.s
                """);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("not done after 2 s of virtual time").contains("no data from 10.0.0.1:");
    }

    @Test void tasksLeftWaiting_endWithTheScript() throws Exception {
        TestLabs.Outcome o = run("""
                def l = pc2.tcpListen(7000)
                lab.spawn { l.accept(timeout: 1.h) }
                lab.run(10.ms)
                assert lab.tasks.size() == 1
                println 'script done'
                """);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("script done");
    }
}
