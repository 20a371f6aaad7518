package io.wirelab.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web1.webServer.handle(path) { req, res -> }, pc.http's proxy:/proxyConnection: options, proxy1.proxy */
class HandlerProxyDslTest {
    static final String LAB = """
            name: handlers
            seed: 3
            nodes:
              pc1: { kind: pc, ip: 10.0.0.10/24 }
              pc2: { kind: pc, ip: 10.0.0.11/24, proxy: proxy1:3128 }
              proxy1: { kind: server, ip: 10.0.0.3/24, services: { proxy: { mode: dumb } } }
              web1: { kind: server, ip: 10.0.0.80/24, services: { web: { keepalive-timeout: 30s } } }
              sw1: { kind: switch, ports: 4 }
            links: [[pc1, sw1, { delay: 1ms }], [pc2, sw1], [proxy1, sw1], [web1, sw1]]
            captures: [pc1]
            script: |
            """;

    @TempDir Path dir;

    TestLabs.Outcome run(String script) throws Exception {
        return TestLabs.run(TestLabs.withScript(dir.resolve("handlers.yaml"), LAB, script), dir.resolve("out"));
    }

    @Test void handler_writesItsOwnMisbehavingServer_inVirtualTime() throws Exception {
        var o = run("""
                web1.webServer.handle('/slow') { req, res ->
                    res.status = 503
                    res.header('Retry-After', 2)
                    res.body = "busy: ${req.method} ${req.path} from ${req.header('User-Agent')}"
                    res.delay(250.ms)
                }
                web1.webServer.handle('/cut') { req, res -> res.body('x' * 2000).contentLength(3000) }
                def r = pc1.http.get('http://web1/slow?q=1')
                assert r.status == 503 && r.body == 'busy: GET /slow from wirelab/0.1' && r.header('Retry-After') == '2'
                assert r.wait >= 250.ms && r.wait < 260.ms
                def c = pc1.http.get('http://web1/cut')
                assert c.outcome == 'TRUNCATED' && c.size == 2000 && c.expected == 3000
                assert c.detail == 'got 2000 of 3000 bytes; the server closed the connection'
                web1.webServer.handle('/boom') { req, res -> throw new IllegalStateException('oops') }
                assert pc1.http.get('http://web1/boom', quiet: true).status == 500
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).as(o.out()).isZero();
        assertThat(o.out()).contains("web1 /boom: handler failed: oops");
    }

    @Test void proxyOptions_andTheLabFilesProxy_andTheProxysCounters() throws Exception {
        var o = run("""
                def a = pc2.http.get('http://web1/', policy: 'persistent', http10: true, timeout: 2.s)
                def b = pc2.http.get('http://web1/', policy: 'persistent', http10: true, timeout: 2.s)
                assert a.ok && b.outcome == 'TIMEOUT' && b.detail.startsWith('no response from the proxy 10.0.0.3:3128')
                def c = pc1.http.get('http://web1/', policy: 'persistent', http10: true, proxy: 'proxy1:3128', proxyConnection: true, timeout: 2.s)
                def d = pc1.http.get('http://web1/', policy: 'persistent', http10: true, proxy: 'proxy1:3128', proxyConnection: true, timeout: 2.s)
                assert c.ok && d.ok && !d.reused
                assert pc2.http.get('http://web1/', proxy: false).header('Via') == null
                assert proxy1.proxy.mode == 'dumb' && proxy1.proxy.counter('proxy.dumb.ignored_bytes') > 0
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).as(o.out()).isZero();
    }
}
