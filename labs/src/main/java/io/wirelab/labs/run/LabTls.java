package io.wirelab.labs.run;

import io.wirelab.devices.tls.CertificateCache;
import io.wirelab.devices.tls.KeyLog;
import io.wirelab.devices.tls.LabCa;
import io.wirelab.devices.tls.PcapngSecrets;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.sim.Simulator;
import io.wirelab.sim.SimTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab's TLS trust: one certificate authority, created on first use from the lab seed (the
 * simulator's "lab/ca" random stream, so the same seed gives the same certificates), and the key
 * log every TLS endpoint of the lab writes its session secrets to. Virtual time 0 is {@link #epochSeconds()}:
 * the fixed lab date, or in a lab running in real time (a bridge) the wall clock when the CA is made,
 * so certificates and their checks follow the real clock that real clients use. The CA certificate
 * is written to outDir/lab-ca.pem as soon as it exists, for `curl --cacert` while the lab runs.
 */
public final class LabTls {
    public static final String CA_FILE = "lab-ca.pem";
    public static final String KEY_LOG_FILE = "keys.log";

    private final Simulator sim;
    private final String labName;
    private final Path outDir;
    private final Clock wallClock;
    private final KeyLog keyLog = new KeyLog();
    private final CertificateCache certificates = new CertificateCache();
    private Long epochSeconds;
    private LabCa ca;

    public LabTls(Simulator sim, String labName) { this(sim, labName, null, Clock.systemUTC()); }

    /** outDir: where lab-ca.pem goes (null: nowhere); wallClock: the real date of a real-time lab. */
    public LabTls(Simulator sim, String labName, Path outDir, Clock wallClock) {
        this.sim = sim;
        this.labName = labName;
        this.outDir = outDir;
        this.wallClock = wallClock;
    }

    /** The date of virtual time 0, fixed at the first call. */
    public long epochSeconds() {
        if (epochSeconds == null)
            epochSeconds = sim.isRealTime() ? wallClock.instant().getEpochSecond() - sim.now() / SimTime.SECOND : HttpServerConfig.DEFAULT_EPOCH;
        return epochSeconds;
    }

    /** The lab CA, created (and written to outDir/lab-ca.pem) at the first call. */
    public LabCa ca() {
        if (ca == null) {
            ca = LabCa.create(sim.random("lab/ca"), epochSeconds(), "wirelab " + labName + " CA");
            if (outDir != null) {
                try {
                    Files.createDirectories(outDir);
                    Files.writeString(outDir.resolve(CA_FILE), ca.certificatePem(), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + outDir.resolve(CA_FILE) + ": " + e.getMessage(), e);
                }
            }
        }
        return ca;
    }

    /** Whether anything in the lab needed the CA (an HTTPS server or an HTTPS client). */
    public boolean inUse() { return ca != null; }

    public KeyLog keyLog() { return keyLog; }

    /** The certificates and trust stores the lab's TLS clients share (each server chain parsed and validated once). */
    public CertificateCache certificates() { return certificates; }

    /**
     * Writes lab-ca.pem and keys.log (NSS key log format) into outDir and embeds the key log in
     * every finished pcapng capture that carries a TLS handshake; returns the files written. Does
     * nothing when the lab never used TLS.
     */
    public List<Path> finish(Path outDir, List<Path> captures) throws IOException {
        List<Path> written = new ArrayList<>();
        if (!inUse() || outDir == null) return written;
        if (!keyLog.isEmpty()) {
            for (Path f : captures) {
                if (f.toString().endsWith(".pcapng") && Files.isRegularFile(f) && TlsFrames.carriesTls(f))
                    PcapngSecrets.inject(f, keyLog.text());
            }
        }
        Files.createDirectories(outDir);                     // a lab without captures has no out dir yet
        Path pem = outDir.resolve(CA_FILE);
        Files.writeString(pem, ca.certificatePem(), StandardCharsets.US_ASCII);
        written.add(pem);
        Path keys = outDir.resolve(KEY_LOG_FILE);
        Files.writeString(keys, keyLog.text(), StandardCharsets.US_ASCII);
        written.add(keys);
        return written;
    }
}
