package io.wirelab.scripting;

import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP client and server set TCP_NODELAY, as curl and nginx do, unless the lab sets nagle: for the
 * host. A browser pipelines two small images on one connection: the server answers both at once,
 * so with Nagle the second small response waits until the first is acknowledged, and the client
 * delays that ACK: 40 ms under profile linux, 200 ms under profile textbook (HTTP: The Definitive
 * Guide §4.2.6); with TCP_NODELAY it follows at once.
 */
class HttpNagleTest {
    @TempDir Path dir;

    static String lab(String pcTcp, String webTcp) {
        return """
                name: http-nagle
                seed: 3
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24 %s }
                  web1:
                    kind: server
                    ip: 10.0.0.80/24
                    %s
                    services:
                      web: { pages: { /: '<html><img src="/a.txt"><img src="/b.txt"></html>', /a.txt: a, /b.txt: b } }
                links:
                  - [pc1:eth0, web1:eth0, { bandwidth: 100Mbps, delay: 10ms }]
                captures: [web1:eth0]
                script: |
                """.formatted(pcTcp, webTcp);
    }

    static final String SCRIPT = """
            def r = pc1.browser(policy: 'pipelined', connections: 1, depth: 8, quiet: true).load('http://10.0.0.80/')
            assert r.ok && r.objects == 3 && r.connections == 1
            """;

    /** How long web1 took to answer the request for the second image (seconds on its wire). */
    private double secondImageWait(String name, String pcTcp, String webTcp) throws Exception {
        Path yaml = TestLabs.withScript(dir.resolve(name + ".yaml"), lab(pcTcp, webTcp), SCRIPT);
        TestLabs.Outcome o = TestLabs.run(yaml, dir.resolve(name));
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        Path capture = dir.resolve(name).resolve("web1-eth0.pcapng");
        List<List<String>> requests = Tshark.fields(capture, "http.request", "frame.time_relative", "http.request.uri");
        List<List<String>> responses = Tshark.fields(capture, "http.response", "frame.time_relative");
        assertThat(requests).extracting(f -> f.get(1)).containsExactly("/", "/a.txt", "/b.txt");
        assertThat(responses).hasSize(3);
        return Double.parseDouble(responses.getLast().getFirst()) - Double.parseDouble(requests.getLast().getFirst());
    }

    @Test void byDefault_theSecondPipelinedResponseLeavesAtOnce() throws Exception {
        assertThat(secondImageWait("default", "", "")).isLessThan(0.001);
    }

    @Test void nagleTrue_holdsTheSecondSmallResponseUntilLinuxsDelayedAckOfTheFirst() throws Exception {
        // the first response's 10 ms to pc1, pc1's 40 ms delayed ACK, the ACK's 10 ms back
        assertThat(secondImageWait("nagle", "", "tcp: { nagle: true }")).isBetween(0.060, 0.065);
    }

    @Test void nagleTrue_withATextbookClient_holdsItForTheBooks200Ms() throws Exception {
        assertThat(secondImageWait("textbook", ", tcp: { profile: textbook }", "tcp: { nagle: true }")).isBetween(0.200, 0.230);
    }
}
