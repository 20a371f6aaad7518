package io.wirelab.devices.tls;

import io.wirelab.sim.SimRandom;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * The lab's certificate authority: an ECDSA P-256 root and server certificates (SANs: DNS names
 * and IPv4 addresses, RFC 5280 §4.2.1.6), all generated from a lab-seeded random stream, so the
 * same seed gives the same DER bytes. Validity is anchored at the lab epoch, not the wall clock.
 */
public final class LabCa {
    private static final long DAY = 86_400L;

    private final SecureRandom random;
    private final long epochSeconds;
    private final AsymmetricCipherKeyPair key;
    private final X500Name name;
    private final X509CertificateHolder certificate;

    private LabCa(SecureRandom random, long epochSeconds, String commonName) {
        this.random = random;
        this.epochSeconds = epochSeconds;
        this.key = generateKey(random);
        this.name = new X500Name("CN=" + commonName + ",O=wirelab");
        try {
            BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key.getPublic());
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, serial(), notBefore(), notAfter(3650), name, spki);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
            this.certificate = b.build(signer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CA whose keys and serials come from source; epochSeconds is the lab's virtual time 0. */
    public static LabCa create(SimRandom source, long epochSeconds, String commonName) {
        return new LabCa(new SeededSecureRandom(source), epochSeconds, commonName);
    }

    public byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public X509Certificate certificate() { return toX509(certificateDer()); }

    /** PEM text, as written next to the captures for real clients (curl --cacert). */
    public String certificatePem() { return pem(certificateDer()); }

    public static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    /** A server certificate for the given DNS names and addresses, valid 397 days from the lab epoch. */
    public ServerIdentity issue(List<String> dnsNames, List<Ipv4Address> addresses) {
        if (dnsNames.isEmpty() && addresses.isEmpty()) throw new IllegalArgumentException("no subject names");
        AsymmetricCipherKeyPair leafKey = generateKey(random);
        String cn = dnsNames.isEmpty() ? addresses.getFirst().toString() : dnsNames.getFirst();
        try {
            BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(leafKey.getPublic());
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, serial(), notBefore(), notAfter(397),
                    new X500Name("CN=" + cn), spki);
            List<ASN1Encodable> sans = new ArrayList<>();
            for (String d : dnsNames) sans.add(new GeneralName(GeneralName.dNSName, d));
            for (Ipv4Address a : addresses) sans.add(new GeneralName(GeneralName.iPAddress, a.toString()));
            b.addExtension(Extension.subjectAlternativeName, false,
                    GeneralNames.getInstance(new DERSequence(sans.toArray(ASN1Encodable[]::new))));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            X509CertificateHolder leaf = b.build(signer());
            return new ServerIdentity(List.of(leaf.getEncoded(), certificateDer()), leafKey.getPrivate(), dnsNames, addresses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long epochSeconds() { return epochSeconds; }

    private Date notBefore() { return new Date((epochSeconds - DAY) * 1000); }

    private Date notAfter(int days) { return new Date((epochSeconds + days * DAY) * 1000); }

    private BigInteger serial() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[0] &= 0x7f;                                                              // positive, RFC 5280 §4.1.2.2
        b[0] |= 0x01;
        return new BigInteger(b);
    }

    private org.bouncycastle.operator.ContentSigner signer() {
        try {
            AlgorithmIdentifier sig = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier dig = new DefaultDigestAlgorithmIdentifierFinder().find(sig);
            return new BcECContentSignerBuilder(sig, dig).setSecureRandom(random).build(key.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AsymmetricCipherKeyPair generateKey(SecureRandom random) {
        X9ECParameters p256 = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
        ECNamedDomainParameters domain = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, p256);
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(domain, random));
        return g.generateKeyPair();
    }

    static X509Certificate toX509(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad certificate", e);
        }
    }

    /** A server's chain (leaf first, then the CA) and its private key. */
    public record ServerIdentity(List<byte[]> chainDer, AsymmetricKeyParameter privateKey,
                                 List<String> dnsNames, List<Ipv4Address> addresses) {
        public X509Certificate leaf() { return toX509(chainDer.getFirst()); }

        /** The chain as PEM, leaf first: what nginx's ssl_certificate or any real server reads. */
        public String chainPem() {
            StringBuilder sb = new StringBuilder();
            for (byte[] der : chainDer) sb.append(pem(der));
            return sb.toString();
        }

        /** The private key as PKCS#8 PEM ("PRIVATE KEY"), for a real server that presents this identity. */
        public String privateKeyPem() {
            try {
                byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded();
                return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                        + "\n-----END PRIVATE KEY-----\n";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
