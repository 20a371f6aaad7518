package io.wirelab.devices.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.WebFixture;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.HttpOutcome;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A chain or key checked once for one client must still be refused wherever a fresh check would refuse it. */
class CertificateCacheTest {
    private static final long EPOCH = HttpServerConfig.DEFAULT_EPOCH;
    private static final long DAY = 86_400L;

    private final WebFixture f = new WebFixture(HttpServerConfig.defaults());
    private final LabCa ca = LabCa.create(f.sim.random("lab-ca"), EPOCH, "wirelab lab CA");
    private final LabCa.ServerIdentity web = ca.issue(List.of("www.wirelab.test"), List.of(WebFixture.SERVER));
    private final CertificateCache shared = new CertificateCache();
    private int clients;

    CertificateCacheTest() {
        f.server.listen(f.net.host(WebFixture.SERVER), 443,
                new TlsServerEndpoint(f.sim, "tls/web1", web, TlsVersions.TLS13_AND_12, KeyLogSink.NONE)::accept);
    }

    private HttpExchange get(String url, byte[] trustedCa, long epochSeconds, TlsVersions versions) {
        TlsClientEndpoint tls = new TlsClientEndpoint(f.sim, "tls/pc" + clients++, trustedCa, List.of(), epochSeconds,
                versions, KeyLogSink.NONE, shared);
        HttpClient c = new HttpClient(f.sim, f.net.host(WebFixture.CLIENT),
                name -> CompletableFuture.completedFuture(WebFixture.SERVER), tls, HttpClientConfig.defaults());
        var x = c.get(url);
        assertThat(f.sim.runUntil(x, SimTime.seconds(10))).isTrue();
        return x.join();
    }

    private HttpExchange get(byte[] trustedCa, long epochSeconds) {
        return get("https://www.wirelab.test/", trustedCa, epochSeconds, TlsVersions.TLS13_AND_12);
    }

    @Test
    void aChainOneClientAccepted_isRefusedByAClientTrustingAnotherCa() {
        assertThat(get(ca.certificateDer(), EPOCH).ok()).isTrue();
        LabCa other = LabCa.create(f.sim.random("other-ca"), EPOCH, "other");
        assertThat(get(other.certificateDer(), EPOCH).outcome()).isEqualTo(HttpOutcome.TLS_FAILED);
        assertThat(get(ca.certificateDer(), EPOCH).ok()).isTrue();
    }

    @Test
    void aChainOneClientAccepted_isRefusedAfterItExpires_andBeforeItIsValid() {
        assertThat(get(ca.certificateDer(), EPOCH).ok()).isTrue();
        assertThat(get(ca.certificateDer(), EPOCH + 398 * DAY).outcome()).isEqualTo(HttpOutcome.TLS_FAILED);
        assertThat(get(ca.certificateDer(), EPOCH - 2 * DAY).outcome()).isEqualTo(HttpOutcome.TLS_FAILED);
        assertThat(get(ca.certificateDer(), EPOCH + 396 * DAY).ok()).isTrue();
    }

    /** The client's key for CertificateVerify comes from the certificate, not from an earlier handshake with it. */
    @Test
    void aServerWithoutTheKeyOfACachedCertificate_failsCertificateVerify() {
        LabCa.ServerIdentity stranger = ca.issue(List.of("www.wirelab.test"), List.of(WebFixture.SERVER));
        var impostor = new LabCa.ServerIdentity(web.chainDer(), stranger.privateKey(), web.dnsNames(), web.addresses());
        f.server.listen(f.net.host(WebFixture.SERVER), 8443,
                new TlsServerEndpoint(f.sim, "tls/impostor", impostor, TlsVersions.TLS13_AND_12, KeyLogSink.NONE)::accept);
        for (TlsVersions v : List.of(TlsVersions.TLS13_ONLY, TlsVersions.TLS12_ONLY)) {
            assertThat(get("https://www.wirelab.test/", ca.certificateDer(), EPOCH, v).ok()).isTrue();
            assertThat(get("https://www.wirelab.test:8443/", ca.certificateDer(), EPOCH, v).outcome()).as(v.toString())
                    .isEqualTo(HttpOutcome.TLS_FAILED);
        }
    }

    @Test
    void trustStore_refusesAChainOfAnotherCaWithTheSameNames_andDatesOutsideTheValidatedOnes() throws Exception {
        TrustStore store = shared.trustStore(List.of(ca.certificateDer()));
        Date inside = new Date(EPOCH * 1000);
        assertThat(store.validate(web.chainDer(), inside).getEncoded()).isEqualTo(web.chainDer().getFirst());
        assertThat(store.validate(web.chainDer(), new Date((EPOCH + 397 * DAY) * 1000)).getEncoded())
                .isEqualTo(web.chainDer().getFirst());                                             // notAfter is inclusive
        assertThatThrownBy(() -> store.validate(web.chainDer(), new Date((EPOCH + 397 * DAY + 1) * 1000)))
                .isInstanceOfSatisfying(CertPathValidatorException.class, e -> assertThat(e.getReason()).isEqualTo(BasicReason.EXPIRED));
        assertThatThrownBy(() -> store.validate(web.chainDer(), new Date((EPOCH - DAY - 1) * 1000)))
                .isInstanceOfSatisfying(CertPathValidatorException.class, e -> assertThat(e.getReason()).isEqualTo(BasicReason.NOT_YET_VALID));
        LabCa twin = LabCa.create(new Simulator(99).random("lab-ca"), EPOCH, "wirelab lab CA");
        var forged = twin.issue(web.dnsNames(), web.addresses());
        assertThatThrownBy(() -> store.validate(forged.chainDer(), inside)).isInstanceOf(CertPathValidatorException.class);
        assertThatThrownBy(() -> store.validate(List.of(forged.chainDer().getFirst(), ca.certificateDer()), inside))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void sameBytes_sameTrustStoreAndCertificate_otherBytes_others() throws Exception {
        assertThat(shared.trustStore(List.of(ca.certificateDer()))).isSameAs(shared.trustStore(List.of(ca.certificateDer().clone())));
        assertThat(shared.trustStore(List.of(ca.certificateDer())))
                .isNotSameAs(shared.trustStore(List.of(ca.certificateDer(), web.chainDer().getFirst())));
        byte[] leaf = web.chainDer().getFirst();
        assertThat(shared.certificate(leaf)).isSameAs(shared.certificate(leaf.clone()));
        assertThat(shared.certificate(leaf).getEncoded()).isEqualTo(leaf);
        assertThat(shared.certificate(ca.certificateDer())).isNotSameAs(shared.certificate(leaf));
    }
}
