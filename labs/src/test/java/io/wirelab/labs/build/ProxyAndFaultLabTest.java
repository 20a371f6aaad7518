package io.wirelab.labs.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wirelab.devices.proxy.ProxyCounter;
import io.wirelab.devices.proxy.ProxyMode;
import io.wirelab.devices.web.ServerFault;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.HttpOutcome;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.WebServerSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabProblem;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** fault: and services: proxy: / proxy: in lab files: read, checked at file:line:col, and built. */
class ProxyAndFaultLabTest {
    static final String LAB = """
            name: proxylab
            nodes:
              pc1: { kind: pc, ip: 10.0.0.10/24, proxy: proxy1:3128 }
              pc2: { kind: pc, ip: 10.0.0.11/24 }
              proxy1: { kind: server, ip: 10.0.0.3/24, services: { proxy: { mode: smart, port: 3128 } } }
              web1:
                kind: server
                ip: 10.0.0.80/24
                services:
                  web:
                    fault: { delay: 100ms }
                    pages:
                      /: hello
                      /cut: { size: 2000, fault: { content-length: 3000 } }
                    sites: { blog.lab.test: { pages: { /: blog }, fault: { http10: true } } }
              sw1: { kind: switch, ports: 4 }
            links: [[pc1, sw1], [pc2, sw1], [proxy1, sw1], [web1, sw1]]
            """;

    static LabSpec read(String yaml) throws LabFileException { return LabYamlReader.read("t.yaml", "t", yaml, n -> null); }

    private static List<String> problems(String yaml) {
        LabFileException e = catchThrowableOfType(LabFileException.class, () -> read(yaml));
        assertThat(e).as("expected problems in:\n" + yaml).isNotNull();
        return e.problems().stream().map(LabProblem::toString).toList();
    }

    @Test void readsFaultsPerSitePerPage_overTheirSite_andTheProxy() throws Exception {
        LabSpec spec = read(LAB);
        WebServerSpec w = spec.node("web1").services().web();
        assertThat(w.fault()).isEqualTo(ServerFault.NONE.withDelay(SimTime.millis(100)));
        assertThat(w.pages().get(1).fault()).isEqualTo(ServerFault.NONE.withDelay(SimTime.millis(100)).withContentLength(3000));
        assertThat(w.pages().get(0).fault()).isNull();
        assertThat(w.sites().getFirst().fault()).isEqualTo(ServerFault.NONE.withHttp10(true));
        assertThat(spec.node("proxy1").services().proxy().mode()).isEqualTo(ProxyMode.SMART);
        assertThat(spec.node("pc1").proxy()).isEqualTo("proxy1:3128");
        assertThat(read(LAB.replace("{ mode: smart, port: 3128 }", "")).node("proxy1").services().proxy().port()).isEqualTo(3128);
    }

    @Test void badFaultsAndProxies_areReportedWhereWritten() {
        assertThat(problems(LAB.replace("content-length: 3000", "content-lenght: 3000")))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:14:40:").contains("content-lenght").contains("content-length"));
        assertThat(problems(LAB.replace("delay: 100ms", "framing: closed")))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:11:").contains("framing must be one of length, chunked, close"));
        assertThat(problems(LAB.replace("{ mode: smart, port: 3128 }", "{ mode: clever }")))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:").contains("proxy mode must be smart or dumb"));
        assertThat(problems(LAB.replace("services: { proxy: { mode: smart, port: 3128 } }",
                "services: { web: { port: 3128 }, proxy: { port: 3128 } }")))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:").contains("the proxy's port 3128 is already the web server's HTTP port"));
        assertThat(problems(LAB.replace("proxy: proxy1:3128", "proxy: proxy2:3128")))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:3:").contains("no device 'proxy2' for the proxy"));
        assertThat(problems(LAB.replace("proxy: proxy1:3128", "proxy: proxy1:8080")))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:3:").contains("proxy1's proxy listens on 3128, not on 8080"));
        assertThat(problems(LAB.replace("proxy: proxy1:3128", "proxy: web1:3128")))
                .anySatisfy(p -> assertThat(p).contains("web1 runs no proxy, not on 3128"));
        assertThat(problems(LAB.replace("proxy: proxy1:3128", "proxy: proxy1")))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:3:").contains("a proxy is host:port"));
    }

    @Test void theLabFilesProxyCarriesPc1sRequests_andTheFaultsShowThroughIt() throws Exception {
        try (Lab lab = LabBuilder.build(read(LAB), LabBuilder.Options.withoutCaptures())) {
            var pc1 = lab.runtime("pc1").http();
            assertThat(pc1.defaultProxy()).isEqualTo(new HttpClientConfig.ProxyAddress("10.0.0.3", 3128));
            HttpClientConfig viaProxy = HttpClientConfig.defaults().withProxy(pc1.defaultProxy());
            HttpExchange ok = lab.await(pc1.client(viaProxy).get("http://10.0.0.80/"), SimTime.seconds(60));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.response().headers().get("Via")).isEqualTo("1.1 proxy1");
            assertThat(ok.timing().waitNanos()).isGreaterThanOrEqualTo(SimTime.millis(100));
            HttpExchange cut = lab.await(pc1.client(viaProxy).get("http://10.0.0.80/cut"), SimTime.seconds(60));
            assertThat(cut.status()).as("the smart proxy turns a cut origin response into 502").isEqualTo(502);
            assertThat(cut.response().bodyText()).contains("TRUNCATED").contains("got 2000 of 3000 bytes");
            HttpExchange direct = lab.await(lab.runtime("pc2").http().client(HttpClientConfig.defaults()).get("http://10.0.0.80/cut"),
                    SimTime.seconds(60));
            assertThat(direct.outcome()).isEqualTo(HttpOutcome.TRUNCATED);
            assertThat(lab.runtime("proxy1").proxy().counter(ProxyCounter.TX_FORWARDED)).isEqualTo(2);
        }
    }
}
