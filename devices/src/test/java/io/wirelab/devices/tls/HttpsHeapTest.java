package io.wirelab.devices.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.TcpWebLab;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.sim.SimTime;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A completed HTTPS GET leaves nothing behind once its connections have left TIME-WAIT: 10,000
 * sequential GETs, each from a new client over a new TLS connection, and the retained heap after
 * a full collection stays flat (issue 16: it grew ~1.2 MB per GET until the JVM ran out of memory).
 */
class HttpsHeapTest {
    static final int GETS = Integer.getInteger("wirelab.heapTest.gets", 10_000);

    @Test
    void tenThousandSequentialHttpsGets_leaveTheHeapFlat() {
        TcpWebLab lab = new TcpWebLab(16, HttpServerConfig.defaults());
        LabCa ca = LabCa.create(lab.sim.random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "wirelab lab CA");
        TlsServerEndpoint tls = new TlsServerEndpoint(lab.sim, "tls/web1",
                ca.issue(List.of("www.wirelab.test"), List.of(TcpWebLab.WEB)), TlsVersions.TLS13_AND_12, KeyLogSink.NONE);
        lab.server.listen(new TcpTransport(lab.web.tcp(), TcpWebLab.HTTP_TCP), 443, tls::accept);
        HttpClientConfig serial = HttpClientConfig.defaults().withPolicy(ConnectionPolicy.serial());
        long warm = 0;
        for (int i = 1; i <= GETS; i++) {
            HttpClient c = lab.client(serial, new TlsClientEndpoint(lab.sim, "tls/pc1-" + i, ca.certificateDer(),
                    HttpServerConfig.DEFAULT_EPOCH, TlsVersions.TLS13_AND_12, KeyLogSink.NONE));
            CompletableFuture<HttpExchange> get = c.get("https://www.wirelab.test/index.html");
            assertThat(lab.sim.runUntil(get, SimTime.seconds(5))).isTrue();
            assertThat(get.join().ok()).isTrue();
            if (i == GETS / 10) {
                long inTimeWait = retainedHeap();                           // i GETs, their connections in TIME-WAIT
                lab.sim.runFor(SimTime.seconds(121));                       // every TIME-WAIT so far expires (2 MSL)
                warm = retainedHeap();
                System.out.printf("heap per GET while in TIME-WAIT: %d bytes (%d GETs)%n", (inTimeWait - warm) / i, i);
            }

        }
        lab.sim.runFor(SimTime.seconds(121));
        long end = retainedHeap();
        assertThat(lab.pc.tcp().sockets()).isEmpty();
        // 9,000 more GETs: a leak of even 10 KB per GET would add 90 MB
        assertThat(end - warm).as("heap growth over %d GETs, bytes", GETS - GETS / 10).isLessThan(32L << 20);
    }

    private static long retainedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
