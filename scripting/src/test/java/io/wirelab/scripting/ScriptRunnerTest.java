package io.wirelab.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {
    @TempDir Path dir;

    private TestLabs.Outcome inline(String script) throws Exception {
        Path yaml = TestLabs.inlineLab(dir, script);
        return TestLabs.run(yaml, dir.resolve("out"));
    }

    private static void assertNoStackTrace(TestLabs.Outcome o) {
        assertThat(o.err()).doesNotContain("\tat ").doesNotContain("Exception in thread").doesNotContain(".java:");
    }

    @Test void passingScript_exits0_andPrintsPingStatistics() throws Exception {
        var o = inline("""
                def r = pc1.ping('10.0.0.2', count: 3)
                assert r.sent == 3 && r.received == 3 && r.lost == 0 && r.loss == 0
                assert r.rttMin <= r.rttAvg && r.rttAvg <= r.rttMax && r.rttMin > 2.ms
                assert r.rtts.size() == 3
                println "avg ${r.rttAvg}"
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("pc1$ ping -c 3 10.0.0.2").contains("3 received").contains("avg ");
    }

    @Test void pingLargerThanTheMtu_isFragmentedLikeLinux_andAnswered() throws Exception {
        var o = inline("""
                def r = pc1.ping('10.0.0.2', count: 2, size: 4000)
                assert r.received == 2 && r.errors == 0
                """);
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("2 received").doesNotContain("no route");
    }

    @Test void failedAssert_inline_pointsAtTheYamlLine_withPowerAssertText() throws Exception {
        var o = inline("""
                def r = pc1.ping('10.0.0.2', count: 2, quiet: true)

                assert r.received == 3
                """);
        assertThat(o.exitCode()).isEqualTo(1);
        // script line 3 sits on YAML line 14 (the block starts on line 12)
        assertThat(o.err()).startsWith(dir.resolve("two-pcs.yaml") + ":14: assertion failed\n");
        assertThat(o.err()).contains("assert r.received == 3").contains("|").contains("false");
        assertNoStackTrace(o);
    }

    @Test void failedAssert_inScriptFile_pointsAtTheFileLine() throws Exception {
        Path yaml = TestLabs.fileLab(dir, """
                // a comment
                lab.run(1.s)
                assert lab.now == 2.s
                """);
        var o = TestLabs.run(yaml, dir.resolve("out"));
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).startsWith(dir.resolve("two-pcs.groovy") + ":3: assertion failed\n");
        assertThat(o.err()).contains("1 s");
    }

    @Test void misspeltMethod_reportsLineAndSuggestion() throws Exception {
        var o = inline("""
                println 'before'
                pc1.pnig('10.0.0.2')
                """);
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.out()).contains("before");
        assertThat(o.err().strip()).isEqualTo(dir.resolve("two-pcs.yaml") + ":13: a host has no method pnig(String); did you mean 'ping'?");
    }

    @Test void unknownDevice_suggestsTheClosestName() throws Exception {
        var o = inline("pc3.ping('10.0.0.2')\n");
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains(":12: unknown name 'pc3'; did you mean 'pc1'?").contains("devices: pc1, pc2, sw1");
    }

    @Test void hostMethodCalledBare_explainsWhereItLives() throws Exception {
        var o = inline("ping('10.0.0.2')\n");
        assertThat(o.err()).contains(":12: unknown function ping(String); ping is a method of a host: write pc1.ping(...)");
    }

    @Test void wrongArguments_listTheOverloads() throws Exception {
        var o = inline("pc1.ping(42)\n");
        assertThat(o.err()).contains(":12: a host method ping does not take (Integer); it takes (Map, String) or (String)");
    }

    @Test void misspeltPingOption_getsAHint() throws Exception {
        var o = inline("pc1.ping('10.0.0.2', cuont: 4)\n");
        assertThat(o.err()).contains(":12: ping has no option 'cuont'; did you mean 'count'?");
    }

    @Test void durationWithoutUnit_isRejectedWithAnExample() throws Exception {
        var o = inline("pc1.ping('10.0.0.2', interval: 200)\n");
        assertThat(o.err()).contains(":12: ping interval needs a unit, e.g. interval: 200.s or 200.ms");
        var s = inline("sleep 1000\n");
        assertThat(s.err()).contains(":12: sleep needs a unit of virtual time, e.g. sleep 1000.ms");
    }

    @Test void compileError_pointsAtYamlLineAndColumn() throws Exception {
        var o = inline("""
                def x = 1
                def y = (x +
                """);
        assertThat(o.exitCode()).isEqualTo(2);   // an invalid script, like validate
        assertThat(o.err()).matches("(?s)" + java.util.regex.Pattern.quote(dir.resolve("two-pcs.yaml").toString()) + ":1[34]:\\d+: .+");
        assertNoStackTrace(o);
    }

    @Test void runtimeException_reportsClassAndMessage_withoutStackTrace() throws Exception {
        var o = inline("""
                def m = [:]
                m.missing.size()
                """);
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains(":13: NullPointerException");
        assertNoStackTrace(o);
    }

    @Test void labRunAndNow_advanceVirtualTime() throws Exception {
        var o = inline("""
                def t0 = lab.now
                lab.run(2.s)
                run 500.ms
                sleep 1.5.s
                assert lab.now - t0 == 4.s
                assert lab.devices.keySet() as List == ['pc1', 'pc2', 'sw1']
                assert lab.pc2.ip == '10.0.0.2' && pc1.cidr == '10.0.0.1/24'
                assert lab.name == 'two-pcs' && lab.seed == 7
                println lab.devices.pc1
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("pc1 (pc, 10.0.0.1/24)");
    }

    @Test void deviceFacades_exposeAddressesArpAndMacTable() throws Exception {
        var o = inline("""
                assert pc1.arp.isEmpty() && sw1.macTable.isEmpty()
                def r = pc1.ping('pc2', count: 1, quiet: true)
                assert r.received == 1
                assert pc1.arp*.address*.toString() == ['10.0.0.2']
                assert pc1.arp[0].mac.toString() == pc2.mac
                assert sw1.macTable.size() == 2
                assert sw1.portOf(pc1.mac) == 'p1' && sw1.portOf(pc2.mac) == 'p2'
                assert sw1.aging == 5.min
                println sw1
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).isEqualTo("sw1 (switch, 4 ports)\n");
    }

    @Test void pingTarget_thatIsNeitherAddressNorHost_isExplained() throws Exception {
        var o = inline("pc1.ping('pc22')\n");
        assertThat(o.err()).contains(":12: cannot ping 'pc22': not an IPv4 address and not a host of this lab; did you mean 'pc2'?");
    }
}
