package io.wirelab.scripting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One web server, two names on one address: the Host header picks the site (RFC 9110 §7.2). */
class VirtualHostsTest {
    @TempDir Path dir;

    @Test void hostHeaderPicksTheSite_overHttpAndHttps() throws Exception {
        Path yaml = Files.writeString(dir.resolve("vhosts.yaml"), """
                name: vhosts
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, dns: 10.0.0.53 }
                  dns1:
                    kind: server
                    ip: 10.0.0.53/24
                    services:
                      dns: { zones: { lab.test: { www: 10.0.0.80, blog: 10.0.0.80 } } }
                  web1:
                    kind: server
                    ip: 10.0.0.80/24
                    services:
                      web:
                        https: true
                        pages: { /: main site }
                        sites:
                          blog.lab.test: { pages: { /: the blog } }
                  sw1: { kind: switch, ports: 4 }
                links: [[pc1, sw1], [dns1, sw1], [web1, sw1]]
                script: |
                  assert pc1.http.get('http://www.lab.test/').body == 'main site'
                  assert pc1.http.get('http://blog.lab.test/').body == 'the blog'
                  assert pc1.http.get('https://blog.lab.test/').body == 'the blog'   // its name is in the certificate
                  assert pc1.http.get('http://10.0.0.80/').body == 'main site'       // no name: the first site
                  println 'virtual hosts ok'
                """);
        TestLabs.Outcome o = TestLabs.run(yaml, dir.resolve("out"));
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("virtual hosts ok");
    }
}
