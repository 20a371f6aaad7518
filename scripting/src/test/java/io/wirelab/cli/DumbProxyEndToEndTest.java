package io.wirelab.cli;

import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in dumb-proxy lab: the hang, the Proxy-Connection workaround and the smart proxy, in the output and on the wire. */
class DumbProxyEndToEndTest {
    @TempDir Path dir;

    @Test void hangsUntilTheClientTimeout_thenProxyConnectionAndTheSmartProxyDoNot() throws Exception {
        CliRun run = CliRun.of("run", "dumb-proxy", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("dumb proxy, Connection: keep-alive         page: OK keep-alive; style: TIMEOUT on the same connection after 5",
                "dumb proxy, Proxy-Connection: keep-alive   page: OK close; style: OK on a new connection",
                "smart proxy, Connection: keep-alive        page: OK keep-alive; style: OK on the same connection");
        for (Path p : CliRun.files(dir, ".pcapng")) {
            assertThat(Tshark.malformed(p)).as(p.toString()).isZero();
            assertThat(Tshark.badChecksums(p)).as(p.toString()).isZero();
        }
        Path web = dir.resolve("web1-eth0.pcapng"), pc = dir.resolve("pc1-eth0.pcapng");
        // web1 got the client's Connection: keep-alive through the dumb proxy, and Via from the smart one
        assertThat(Tshark.fields(web, "http.request && ip.src == 10.0.0.3 && http.connection", "http.connection")).containsExactly(List.of("keep-alive"));
        assertThat(Tshark.count(web, "http.request && ip.src == 10.0.0.3 && http.request.line contains \"Proxy-Connection\"")).isEqualTo(2);
        assertThat(Tshark.count(web, "http.request && ip.src == 10.0.0.4 && http.request.line contains \"Via: 1.0 smart1\"")).isEqualTo(2);
        assertThat(Tshark.count(web, "http.request && ip.src == 10.0.0.4 && tcp.dstport == 80 && http.connection")).isZero();
        // the client's requests to the proxies are absolute-form; its second one to dumb1 never gets an answer
        assertThat(Tshark.fields(pc, "http.request && tcp.dstport == 3128", "http.request.uri").getFirst()).containsExactly("http://web1/");
        assertThat(Tshark.count(pc, "http.request.method == \"CONNECT\"")).isEqualTo(1);
        assertThat(Tshark.count(pc, "tcp.flags.reset == 1 && ip.src == 10.0.0.10 && tcp.dstport == 3128")).isGreaterThanOrEqualTo(1);
    }
}
