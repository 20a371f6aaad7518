package io.wirelab.devices.tls;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.web.client.StreamWrapper;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;

/**
 * The TLS client side of a lab host: trusts the lab CA, sends SNI (DNS names only, RFC 6066 §3)
 * and ALPN http/1.1 (RFC 7301), checks the server certificate against the name (RFC 9110 §4.3.4)
 * and the lab's virtual date, and logs session secrets.
 */
public final class TlsClientEndpoint implements StreamWrapper {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Simulator sim;
    private final CertificateCache certificates;
    private final TrustStore trust;
    private final long epochSeconds;
    private final TlsVersions versions;
    private final SecureRandom random;
    private final KeyLogSink keyLog;

    public TlsClientEndpoint(Simulator sim, String randomName, byte[] caDer, long epochSeconds, TlsVersions versions, KeyLogSink keyLog) {
        this(sim, randomName, caDer, List.of(), epochSeconds, versions, keyLog, new CertificateCache());
    }

    /**
     * A client that trusts the lab CA and the certificates alsoTrusted (DER; a lab file's trust:),
     * e.g. the root of a real server reached through a bridge. certificates: the lab's, shared by
     * its endpoints, so a server's chain is parsed and validated once for all clients that trust the same.
     */
    public TlsClientEndpoint(Simulator sim, String randomName, byte[] caDer, List<byte[]> alsoTrusted, long epochSeconds,
                             TlsVersions versions, KeyLogSink keyLog, CertificateCache certificates) {
        this.sim = sim;
        this.certificates = certificates;
        List<byte[]> anchors = new ArrayList<>();
        anchors.add(caDer);
        anchors.addAll(alsoTrusted);
        this.trust = certificates.trustStore(anchors);
        this.epochSeconds = epochSeconds;
        this.versions = versions;
        this.random = new SeededSecureRandom(sim.random(randomName));
        this.keyLog = keyLog;
    }

    /** The negotiated session of a finished handshake. */
    public record Session(String version, int cipherSuite, String alpn, String serverName) {}

    @Override public CompletableFuture<ByteStream> wrap(ByteStream raw, String serverName) {
        return connect(raw, serverName).thenApply(s -> s);
    }

    public CompletableFuture<TlsStream> connect(ByteStream raw, String serverName) {
        TlsClientProtocol protocol = new TlsClientProtocol();
        TlsStream stream = new TlsStream(raw, protocol);
        Client client = new Client(new DeterministicTlsCrypto(random, certificates), serverName, stream);
        stream.start(() -> protocol.connect(client));
        return stream.handshake();
    }

    private final class Client extends DefaultTlsClient {
        private final String serverName;
        private final TlsStream stream;

        Client(DeterministicTlsCrypto crypto, String serverName, TlsStream stream) {
            super(crypto);
            this.serverName = serverName;
            this.stream = stream;
        }

        @Override protected ProtocolVersion[] getSupportedVersions() { return versions.versions(); }

        @Override protected Vector<ServerName> getSNIServerNames() {
            if (isIpLiteral(serverName)) return null;
            Vector<ServerName> names = new Vector<>();
            names.add(new ServerName(NameType.host_name, serverName.getBytes(StandardCharsets.US_ASCII)));
            return names;
        }

        @Override protected Vector<ProtocolName> getProtocolNames() {
            Vector<ProtocolName> names = new Vector<>();
            names.add(ProtocolName.HTTP_1_1);
            return names;
        }

        @Override public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override public void notifyServerCertificate(TlsServerCertificate sc) throws IOException { verify(sc); }
                @Override public TlsCredentials getClientCredentials(org.bouncycastle.tls.CertificateRequest r) { return null; }
            };
        }

        @SuppressWarnings("rawtypes")   // BouncyCastle declares the raw type
        @Override public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            Secrets.logHandshake(context.getSecurityParametersHandshake(), keyLog);
        }

        @Override public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            Secrets.logApplication(context.getSecurityParametersConnection(), keyLog);
            stream.handshakeCompleted();
        }

        private void verify(TlsServerCertificate sc) throws IOException {
            if (sc.getCertificate() == null || sc.getCertificate().isEmpty())
                throw new TlsFatalAlert(AlertDescription.bad_certificate);
            List<byte[]> chain = new ArrayList<>(sc.getCertificate().getLength());
            for (int i = 0; i < sc.getCertificate().getLength(); i++) chain.add(sc.getCertificate().getCertificateAt(i).getEncoded());
            Date now = new Date((epochSeconds + sim.now() / SimTime.SECOND) * 1000);
            X509Certificate leaf;
            try {
                leaf = trust.validate(chain, now);
            } catch (GeneralSecurityException e) {
                throw new TlsFatalAlert(AlertDescription.bad_certificate, e);
            }
            if (!matches(leaf, serverName)) throw new TlsFatalAlert(AlertDescription.certificate_unknown,
                    "certificate does not name " + serverName);
        }
    }

    /** The certificates this client trusts: the lab CA first. */
    public List<X509Certificate> trusted() { return trust.certificates(); }

    /** RFC 9110 §4.3.4 / RFC 6125: DNS names match dNSName SANs (one leading wildcard label), IPs match iPAddress SANs. */
    static boolean matches(X509Certificate cert, String host) {
        try {
            var sans = cert.getSubjectAlternativeNames();
            if (sans == null) return false;
            boolean ip = isIpLiteral(host);
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1));
                if (ip && type == 7 && value.equals(host)) return true;
                if (!ip && type == 2 && dnsMatch(value, host)) return true;
            }
            return false;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean dnsMatch(String pattern, String host) {
        if (pattern.equalsIgnoreCase(host)) return true;
        if (!pattern.startsWith("*.")) return false;
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equalsIgnoreCase(pattern.substring(2));
    }

    static boolean isIpLiteral(String host) { return IPV4_LITERAL.matcher(host).matches(); }
}
