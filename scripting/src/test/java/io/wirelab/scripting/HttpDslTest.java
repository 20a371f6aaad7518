package io.wirelab.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pc.http.get/head/post with options, pc.browser(...).load(url), web1.webServer, through ScriptRunner. */
class HttpDslTest {
    static final String LAB = """
            name: httpdsl
            seed: 5
            nodes:
              pc1: { kind: pc, ip: 10.0.0.10/24, dns: 10.0.0.53 }
              dns1: { kind: server, ip: 10.0.0.53/24, services: { dns: { zones: { lab.test: { www: 10.0.0.80 } } } } }
              web1:
                kind: server
                ip: 10.0.0.80/24
                services:
                  web:
                    https: true
                    keepalive-max: 2
                    pages:
                      /: '<html><img src="/a.txt"><img src="/b.txt"><script src="/c.txt"></script></html>'
                      /a.txt: A
                      /b.txt: B
                      /c.txt: C
              sw1: { kind: switch, ports: 4 }
            links: [[pc1, sw1, { delay: 1ms }], [dns1, sw1], [web1, sw1]]
            captures: [pc1]
            script: |
            """;

    @TempDir Path dir;

    TestLabs.Outcome run(String script) throws Exception {
        return TestLabs.run(TestLabs.withScript(dir.resolve("httpdsl.yaml"), LAB, script), dir.resolve("out"));
    }

    @Test void getHeadPost_resultsAndTimings() throws Exception {
        var o = run("""
                def r = pc1.http.get('http://www.lab.test/a.txt')
                assert r.status == 200 && r.reason == 'OK' && r.body == 'A' && r.ok && r.outcome == 'OK'
                assert r.headers['Content-Type'] == 'text/plain; charset=utf-8'
                assert r.header('content-length') == '1'
                assert r.dns > 0.s && r.connect >= 2.ms && r.tls == 0.s && r.wait >= 2.ms
                assert r.total == r.dns + r.connect + r.wait + r.receive
                def h = pc1.http.head('https://www.lab.test/b.txt', quiet: true)
                assert h.status == 200 && h.body == '' && h.tls >= 2.ms
                def p = pc1.http.post('http://10.0.0.80/echo', 'hello', headers: ['X-Test': 'yes'])
                assert p.status == 200 && p.body == 'hello'
                def missing = pc1.http.get('http://10.0.0.80/nosuch', quiet: true)
                assert missing.status == 404 && !missing.ok
                def failed = pc1.http.get('http://nosuch.lab.test/', quiet: true)
                assert failed.status == 0 && failed.outcome == 'DNS_FAILED'
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).as(o.out()).isZero();
        assertThat(o.out()).contains("pc1$ GET http://www.lab.test/a.txt\n  200 OK, 1 bytes | dns ");
        assertThat(o.out()).contains("pc1$ POST http://10.0.0.80/echo\n  200 OK, 5 bytes");
        assertThat(o.out()).doesNotContain("nosuch");
    }

    @Test void persistentPolicy_reusesTheConnectionAcrossCalls_untilKeepaliveMax() throws Exception {
        var o = run("""
                def a = pc1.http.get('http://10.0.0.80/a.txt', policy: 'persistent')
                def b = pc1.http.get('http://10.0.0.80/b.txt', policy: 'persistent')
                def c = pc1.http.get('http://10.0.0.80/c.txt', policy: 'persistent')
                assert !a.reused && b.reused && b.connection == a.connection && b.connect == 0.s
                assert !c.reused && c.connection != a.connection : 'keepalive-max: 2 closed the first connection'
                def s1 = pc1.http.get('http://10.0.0.80/a.txt')
                def s2 = pc1.http.get('http://10.0.0.80/a.txt')
                assert !s2.reused && s2.connect > 0.s : 'the default (serial) opens a connection per call'
                def old = pc1.http.get('http://10.0.0.80/a.txt', http10: true)
                assert old.exchange.request().version().toString() == 'HTTP/1.0'
                assert old.status == 200
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).as(o.out()).isZero();
    }

    @Test void browser_loadsPageAndObjects_pipelinedFasterThanSerial() throws Exception {
        var o = run("""
                def s = pc1.browser(policy: 'serial').load('http://www.lab.test/')
                def p = pc1.browser(policy: 'pipelined', depth: 4).load('http://www.lab.test/')
                def par = pc1.browser(policy: 'parallel', connections: 3, quiet: true).load('http://www.lab.test/')
                assert s.objects == 4 && s.statuses == [200, 200, 200, 200] && s.ok
                assert s.connections == 4 && par.connections == 4
                assert p.connections == 2 : 'keepalive-max: 2 ends each connection after two requests'
                assert p.total < s.total && par.total < s.total
                assert s.requests*.body == ['<html><img src="/a.txt"><img src="/b.txt"><script src="/c.txt"></script></html>', 'A', 'B', 'C']
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).as(o.out()).isZero();
        assertThat(o.out()).contains("pc1$ browser (serial) http://www.lab.test/\n  #   status conn  reused wait");
        assertThat(o.out()).contains("pipelined, depth 4, 1 connection: 4 objects over 2 connections in ");
        assertThat(o.out()).doesNotContain("parallel, 3 connections:");
    }

    @Test void badOptions_failWithAHint() throws Exception {
        var o = run("pc1.http.get('http://10.0.0.80/', polcy: 'serial')");
        assertThat(o.exitCode()).isNotZero();
        assertThat(o.err()).contains("http.get has no option 'polcy'; did you mean 'policy'?");
        var o2 = run("pc1.http.get('http://10.0.0.80/', policy: 'serial', http10: true)");
        assertThat(o2.err()).contains("http10 keep-alive needs a persistent or pipelined policy");
        var o3 = run("pc1.browser(policy: 'fastest')");
        assertThat(o3.err()).contains("unknown connection policy 'fastest'");
    }
}
