package io.wirelab.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pc.dhcp(), release(), resolve(), nslookup(), ping by DNS name and dhcp1.leases, through ScriptRunner. */
class DhcpDnsDslTest {
    static final String LAB = """
            name: dsl
            seed: 3
            nodes:
              srv: { kind: server, ip: 10.0.0.1/24, services: { dhcp: { pool: 10.0.0.100-10.0.0.101, router: 10.0.0.1, dns: 10.0.0.1, domain: lab.test, lease: 10m }, dns: { zones: { lab.test: { www: 10.0.0.1, "@": 10.0.0.1 } } } } }
              pc1: { kind: pc, ip: dhcp }
              pc2: { kind: pc, ip: dhcp }
              pc3: { kind: pc, ip: 10.0.0.3/24, dns: 10.0.0.1 }
              sw1: { kind: switch, ports: 4 }
            links: [[srv, sw1], [pc1, sw1], [pc2, sw1], [pc3, sw1]]
            script: |
            """;

    @TempDir Path dir;

    TestLabs.Outcome run(String script) throws Exception {
        return TestLabs.run(TestLabs.withScript(dir.resolve("dsl.yaml"), LAB, script), dir.resolve("out"));
    }

    @Test void dhcpWithoutAServer_timesOutSayingNoOfferCame_withUnits() throws Exception {
        Path yaml = TestLabs.withScript(dir.resolve("lonely.yaml"), """
                name: lonely
                nodes:
                  pc1: { kind: pc, ip: dhcp }
                  pc2: { kind: pc, ip: 10.0.0.2/24 }
                links: [[pc1, pc2]]
                script: |
                """, "pc1.dhcp()\n");
        var o = TestLabs.run(yaml, dir.resolve("out"));
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("not done after 5 min of virtual time (lab time 300.").contains(" s): no DHCP OFFER from any server (")
                .contains("DISCOVERs sent on eth0)");
    }

    @Test void dhcpReleaseAndLeases() throws Exception {
        var o = run("""
                def l = pc1.dhcp()
                assert pc1.ip == l.ip().toString()
                assert pc1.gateway == '10.0.0.1'
                def l2 = pc2.dhcp()
                assert l2.ip() != l.ip()
                println srv.leases
                assert srv.leases.bound.size() == 2
                pc1.release()
                assert pc1.ip == null
                lab.run(1.s)
                assert srv.leases.bound.size() == 1
                assert pc1.dhcp().ip() == l.ip()
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).containsPattern("pc1: DHCP eth0 10\\.0\\.0\\.10[01]/24 from 10\\.0\\.0\\.1, gateway 10\\.0\\.0\\.1, dns 10\\.0\\.0\\.1, domain lab\\.test, lease 10m");
        assertThat(o.out()).contains("ADDRESS").contains("HOST").containsPattern("10\\.0\\.0\\.10[01] +02:00:00:00:0[23]:00 +pc[12] +BOUND +10m");
        assertThat(o.out()).contains("2 bound of 2 leases");
        assertThat(o.out()).containsPattern("pc1: DHCP eth0 released 10\\.0\\.0\\.10[01]");
    }

    @Test void resolveNslookupAndPingByName() throws Exception {
        var o = run("""
                pc1.dhcp()
                assert pc1.resolve('www') == ['10.0.0.1']
                assert pc3.resolve('www.lab.test') == ['10.0.0.1']
                assert pc3.resolve('nosuch.lab.test').isEmpty()
                pc1.nslookup('www.lab.test')
                pc1.nslookup('nosuch.lab.test')
                def r = pc3.ping('www.lab.test', count: 2)
                assert r.received == 2
                """);
        assertThat(o.err()).isEmpty();
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("pc1$ nslookup www.lab.test\nServer:\t\t10.0.0.1\nAddress:\t10.0.0.1#53\n\nName:\twww.lab.test\nAddress: 10.0.0.1\n");
        assertThat(o.out()).contains("** server can't find nosuch.lab.test: NXDOMAIN");
        assertThat(o.out()).contains("pc3$ ping -c 2 www.lab.test (10.0.0.1)");
    }

    @Test void errorsAreExplained() throws Exception {
        assertThat(run("pc3.dhcp()\n").err()).contains("pc3 has no interface using DHCP (give it ip: dhcp in the lab file)");
        assertThat(run("pc1.leases\n").err()).contains("pc1 runs no DHCP server");
        assertThat(run("pc3.ping('nosuch.lab.test')\n").err()).contains("cannot ping 'nosuch.lab.test': unknown host");
    }
}
