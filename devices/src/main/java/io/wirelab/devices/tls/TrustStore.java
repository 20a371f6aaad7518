package io.wirelab.devices.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The certificates a TLS client trusts, and the chains that passed RFC 5280 §6 path validation to
 * them. A chain validated once is not validated again while the date stays inside every certificate's
 * validity on its path: signatures, names, constraints and key usages do not change with the date, so
 * the answer is the one a new validation would give. Any other chain or date is validated in full.
 */
public final class TrustStore {
    private final Set<TrustAnchor> anchors = new LinkedHashSet<>();
    private final Map<List<CertificateCache.Der>, ValidPath> validated = new HashMap<>();

    /** Anchors: DER certificates, the lab CA first. IllegalArgumentException when one is not a certificate. */
    public TrustStore(List<byte[]> anchors) {
        for (byte[] der : anchors) this.anchors.add(new TrustAnchor(LabCa.toX509(der), null));
    }

    /** The trusted certificates, in the order given. */
    public List<X509Certificate> certificates() { return anchors.stream().map(TrustAnchor::getTrustedCert).toList(); }

    /**
     * The leaf of chain (DER, leaf first) once the chain validates to one of the anchors at date
     * (revocation is not checked: a lab has no CRL or OCSP responder); GeneralSecurityException when it
     * does not. The sent chain minus a trusted root is the path.
     */
    public X509Certificate validate(List<byte[]> chain, Date date) throws GeneralSecurityException {
        List<CertificateCache.Der> key = new ArrayList<>(chain.size());
        for (byte[] der : chain) key.add(new CertificateCache.Der(der));
        ValidPath known = validated.get(key);
        if (known != null && known.covers(date)) return known.leaf();
        ValidPath path = validateInFull(chain, date);
        if (validated.size() < CertificateCache.MAX_ENTRIES) validated.put(Collections.unmodifiableList(key), path);
        return path.leaf();
    }

    private ValidPath validateInFull(List<byte[]> chain, Date date) throws GeneralSecurityException {
        if (chain.isEmpty()) throw new GeneralSecurityException("empty certificate chain");
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        List<X509Certificate> path = new ArrayList<>(chain.size());
        for (byte[] der : chain) path.add(LabCa.toX509(der));
        X509Certificate leaf = path.getFirst();
        while (path.size() > 1 && anchors.stream().anyMatch(a -> a.getTrustedCert().equals(path.getLast()))) path.removeLast();
        PKIXParameters params = new PKIXParameters(anchors);
        params.setRevocationEnabled(false);
        params.setDate(date);
        CertPathValidator.getInstance("PKIX").validate(x509.generateCertPath(path), params);
        Date notBefore = path.getFirst().getNotBefore(), notAfter = path.getFirst().getNotAfter();
        for (X509Certificate c : path) {
            if (c.getNotBefore().after(notBefore)) notBefore = c.getNotBefore();
            if (c.getNotAfter().before(notAfter)) notAfter = c.getNotAfter();
        }
        return new ValidPath(leaf, notBefore, notAfter);
    }

    /** A validated chain's leaf and the dates at which every certificate of its path is valid (RFC 5280 §4.1.2.5: inclusive). */
    private record ValidPath(X509Certificate leaf, Date notBefore, Date notAfter) {
        boolean covers(Date date) { return !date.before(notBefore) && !date.after(notAfter); }
    }
}
