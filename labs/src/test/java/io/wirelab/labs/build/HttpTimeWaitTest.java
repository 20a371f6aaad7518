package io.wirelab.labs.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import io.wirelab.stack.tcp.TcpCounters;
import io.wirelab.stack.tcp.TcpLayer;
import io.wirelab.stack.tcp.TcpSocketInfo;
import io.wirelab.stack.tcp.TcpState;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 defect 7: who holds TIME-WAIT after an HTTP exchange, for each way it ends. The active
 * closer alone, as between Linux hosts: the server when it closes (after its response, HTTP/1.0,
 * keep-alive timeout), the client when it does. Before the fix the client closed on the last data byte,
 * a frame time before the server's separate FIN arrived, and both ends sat in TIME-WAIT.
 */
class HttpTimeWaitTest {
    static final String LAB = """
            name: timewait
            nodes:
              pc1: { kind: pc, ip: 10.0.0.10/24, tcp: { ephemeral-ports: 50000-50000 } }
              web1:
                kind: server
                ip: 10.0.0.80/24
                services: { web: { keepalive-timeout: 2s, pages: { /: "<html>hi</html>" } } }
              sw1: { kind: switch, ports: 4 }
            links: [[pc1, sw1], [web1, sw1]]
            """;

    @TempDir Path dir;

    Lab lab() throws Exception {
        return LabBuilder.build(LabYamlReader.read("t.yaml", "t", LAB, n -> null), LabBuilder.Options.to(dir));
    }

    static TcpLayer tcp(Lab lab, String host) { return lab.host(host).stack().tcp(); }

    static List<Integer> timeWaitPorts(Lab lab, String host) {
        return tcp(lab, host).sockets().stream().filter(i -> i.state() == TcpState.TIME_WAIT)
                .map(TcpSocketInfo::localPort).toList();
    }

    static HttpExchange get(Lab lab, ConnectionPolicy policy) {
        var client = lab.runtime("pc1").http().client(new HttpClientConfig(policy, false,
                HttpClientConfig.defaults().limits(), SimTime.seconds(30), 1, "t", null, false));
        HttpExchange ex = lab.await(client.get("http://10.0.0.80/"), SimTime.seconds(10));
        assertThat(ex.ok()).as("%s", ex).isTrue();
        return ex;
    }

    /** A client written like curl on a raw socket: sends request, reads until done, then closes. */
    static String rawExchange(Lab lab, String request, boolean closeAfterBody) {
        TcpTransport t = new TcpTransport(tcp(lab, "pc1"), lab.spec().node("pc1").tcp());
        CompletableFuture<String> done = new CompletableFuture<>();
        t.connect(Ipv4Address.parse("10.0.0.80"), 80).thenAccept(s -> {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            s.onReadable(() -> {
                if (done.isDone()) return;
                boolean eof = false;
                for (int n; (n = s.read(buf, 0, buf.length)) != 0; ) {
                    if (n < 0) { eof = true; break; }
                    got.write(buf, 0, n);
                }
                String text = got.toString(StandardCharsets.ISO_8859_1);
                if (eof || closeAfterBody && text.endsWith("</html>")) {
                    s.close();
                    done.complete(text);
                }
            });
            s.write(request.getBytes(StandardCharsets.ISO_8859_1), 0, request.length());
        });
        return lab.await(done, SimTime.seconds(10));
    }

    @Test void serverClosesAfterTheResponse_onlyTheServerHoldsTimeWait() throws Exception {
        Lab lab = lab();
        get(lab, ConnectionPolicy.serial());                 // Connection: close
        lab.run(SimTime.seconds(1));
        assertThat(timeWaitPorts(lab, "web1")).containsExactly(80);
        assertThat(timeWaitPorts(lab, "pc1")).isEmpty();
        assertThat(tcp(lab, "pc1").sockets()).isEmpty();
    }

    @Test void http10_theServerClosesAndAloneHoldsTimeWait() throws Exception {
        Lab lab = lab();
        String response = rawExchange(lab, "GET / HTTP/1.0\r\nHost: 10.0.0.80\r\n\r\n", false);
        assertThat(response).startsWith("HTTP/1.1 200 OK").contains("Connection: close");
        lab.run(SimTime.seconds(1));
        assertThat(timeWaitPorts(lab, "web1")).containsExactly(80);
        assertThat(timeWaitPorts(lab, "pc1")).isEmpty();
    }

    @Test void keepAliveTimeout_theServerClosesTheIdleConnectionAndAloneHoldsTimeWait() throws Exception {
        Lab lab = lab();
        get(lab, ConnectionPolicy.persistent());
        lab.run(SimTime.seconds(1));
        assertThat(tcp(lab, "web1").sockets()).anyMatch(i -> i.state() == TcpState.ESTABLISHED);
        lab.run(SimTime.seconds(2));                          // web1's keepalive-timeout: 2s
        assertThat(timeWaitPorts(lab, "web1")).containsExactly(80);
        assertThat(timeWaitPorts(lab, "pc1")).isEmpty();
    }

    @Test void clientClosesAKeptAliveConnection_theClientAloneHoldsTimeWait() throws Exception {
        Lab lab = lab();
        String response = rawExchange(lab, "GET / HTTP/1.1\r\nHost: 10.0.0.80\r\n\r\n", true);
        assertThat(response).contains("Connection: keep-alive");
        lab.run(SimTime.seconds(1));
        assertThat(timeWaitPorts(lab, "pc1")).containsExactly(50000);
        assertThat(timeWaitPorts(lab, "web1")).isEmpty();
    }

    @Test void clientReusesItsPort_theServersTimeWaitTakesTheNewSyn_noChallengeAckNoReset() throws Exception {
        Lab lab = lab();                                      // pc1 has one ephemeral port
        get(lab, ConnectionPolicy.serial());
        lab.run(SimTime.millis(10));                          // pc1's side has closed, web1 sits in TIME-WAIT
        assertThat(timeWaitPorts(lab, "web1")).containsExactly(80);
        long start = lab.simulator().now();
        HttpExchange second = get(lab, ConnectionPolicy.serial());
        assertThat(second.ok()).isTrue();
        assertThat(lab.simulator().now() - start).as("no SYN retry").isLessThan(SimTime.millis(10));
        assertThat(tcp(lab, "web1").counters().get(TcpCounters.Event.TIME_WAIT_REUSED)).isEqualTo(1);
        assertThat(tcp(lab, "web1").counters().get(TcpCounters.Event.TX_CHALLENGE_ACK)).isZero();
        assertThat(tcp(lab, "pc1").counters().get(TcpCounters.Event.RESETS_RECEIVED)).isZero();
        assertThat(tcp(lab, "web1").counters().get(TcpCounters.Event.RESETS_RECEIVED)).isZero();
    }
}
