package io.wirelab.scripting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every DSL call that takes a host takes a device name, a DNS name (search domain applied) or an address. */
class HostNamesTest {
    static final String LAB = """
            name: names
            seed: 3
            nodes:
              pc1: { kind: pc, ip: dhcp }
              pc2: { kind: pc, ip: 10.0.0.2/24 }
              sw1: { kind: switch, ports: 8 }
              dhcp1: { kind: server, ip: 10.0.0.1/24, services: { dhcp: { pool: 10.0.0.100-10.0.0.110, dns: 10.0.0.53, domain: lab.test } } }
              dns1: { kind: server, ip: 10.0.0.53/24, services: { dns: { zones: { lab.test: { www: 10.0.0.80 } } } } }
              web1: { kind: server, ip: 10.0.0.80/24, services: { web: { pages: { /index.html: hello } } } }
            links:
              - [pc1, sw1]
              - [pc2, sw1]
              - [dhcp1, sw1]
              - [dns1, sw1]
              - [web1, sw1]
            captures: [pc1:eth0]
            script: |
            """;

    @TempDir Path dir;

    @Test void pingConnectSendAndHttp_acceptDeviceNamesDnsNamesAndAddresses() throws Exception {
        TestLabs.Outcome o = TestLabs.run(TestLabs.withScript(dir.resolve("names.yaml"), LAB, """
                pc1.dhcp()
                for (target in ['www', 'www.lab.test', 'web1', '10.0.0.80']) {
                    assert pc1.ping(target, count: 1, quiet: true).received == 1
                    pc1.tcpConnect(target, 80).close()
                    assert pc1.http.get("http://$target/", quiet: true).status == 200
                }
                web1.tcpSink(5001)
                assert pc1.tcpSend('www', 5001, 10.KB, quiet: true).bytes == 10_000
                pc2.tcpListen(7000).onAccept { s ->
                    s.read()
                    s.send('HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok')
                    s.close()
                }
                def r = pc1.http.get('http://pc2:7000/', quiet: true)
                assert r.status == 200 && r.body == 'ok' && r.header('Content-Length') == '2'
                try {
                    pc1.ping('nosuch.lab.test', quiet: true)
                    assert false
                } catch (IllegalArgumentException e) {
                    println e.message
                }
                println 'resolved'
                """), dir.resolve("out"));
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("cannot ping 'nosuch.lab.test': unknown host (DNS has no address for it)").contains("resolved");
    }

    @Test void withoutDns_aNameThatIsNoDeviceFails_withAHint() throws Exception {
        TestLabs.Outcome o = TestLabs.run(TestLabs.inlineLab(dir, "pc1.tcpConnect('pc3', 80)\n"), dir.resolve("out"));
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("cannot connect to 'pc3': not an IPv4 address and not a host of this lab; did you mean 'pc1'?");
    }
}
