package io.wirelab.devices.tls;

import org.bouncycastle.tls.ProtocolVersion;

/** Which TLS versions an endpoint offers or accepts. */
public enum TlsVersions {
    TLS13_AND_12(ProtocolVersion.TLSv13, ProtocolVersion.TLSv12),
    TLS13_ONLY(ProtocolVersion.TLSv13),
    TLS12_ONLY(ProtocolVersion.TLSv12);

    private final ProtocolVersion[] versions;

    TlsVersions(ProtocolVersion... versions) { this.versions = versions; }

    ProtocolVersion[] versions() { return versions.clone(); }
}
