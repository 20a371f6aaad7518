package io.wirelab.labs.yaml;

import io.wirelab.labs.model.LabLimits;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a host's `trust:`: PEM files of certificates its HTTPS clients trust besides the lab CA
 * (the root of a real server reached through a bridge). Each file lies in the lab file's folder or
 * below it: an absolute path, '..' or a link that leads outside is refused.
 */
final class TrustReader {
    private final ValueReader values;
    private final Problems problems;
    /** The lab file's directory (null for a lab not read from a file). */
    private final Path baseDir;

    TrustReader(ValueReader values, Path baseDir) {
        this.values = values;
        this.problems = values.problems;
        this.baseDir = baseDir;
    }

    /** The certificates (DER) of every file named, in order. */
    List<byte[]> read(YNode node) {
        List<byte[]> out = new ArrayList<>();
        List<YNode> items = node instanceof YList l ? l.items() : List.of(node);
        if (items.isEmpty()) problems.add(node, "trust: lists no file", "e.g. trust: [server-root.pem]");
        for (YNode item : items) {
            String name = values.text(item, "a PEM file next to the lab file");
            if (name == null) continue;
            Path file = file(item, name.strip());
            if (file != null) out.addAll(certificates(item, name.strip(), file));
        }
        return out;
    }

    private Path file(YNode at, String name) {
        if (baseDir == null) {
            problems.add(at, "trust: needs a lab file on disk, next to which '" + name + "' lies", "use it in a lab file, not a built-in lab");
            return null;
        }
        Path p;
        try {
            p = Path.of(name);
        } catch (RuntimeException e) {
            problems.add(at, "'" + name + "' is not a file name", "a PEM file in the lab file's folder, e.g. trust: [root.pem]");
            return null;
        }
        Path resolved = baseDir.resolve(p).normalize();
        if (p.isAbsolute() || !resolved.startsWith(baseDir.normalize())) {
            problems.add(at, "'" + name + "' is outside the lab file's folder", "put the PEM file next to the lab file (trust: reads nothing else)");
            return null;
        }
        try {
            if (!Files.isRegularFile(resolved)) {
                problems.add(at, "no file " + name + " next to the lab file", "it is looked up relative to the lab file");
                return null;
            }
            if (!resolved.toRealPath().startsWith(baseDir.toRealPath())) {
                problems.add(at, "'" + name + "' links outside the lab file's folder", "copy the PEM file next to the lab file");
                return null;
            }
            if (Files.size(resolved) > LabLimits.MAX_FILE_BYTES) {
                problems.add(at, name + " is larger than " + LabLimits.MAX_FILE_BYTES + " bytes (the limit for a trust file)", "a PEM certificate is a few kilobytes");
                return null;
            }
        } catch (IOException e) {
            problems.add(at, "cannot read " + name + ": " + e.getMessage(), null);
            return null;
        }
        return resolved;
    }

    private List<byte[]> certificates(YNode at, String name, Path file) {
        List<byte[]> out = new ArrayList<>();
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) out.add(c.getEncoded());
        } catch (IOException | CertificateException e) {
            problems.add(at, name + " holds no readable certificate", "a PEM file with -----BEGIN CERTIFICATE----- blocks, e.g. from openssl x509 -outform PEM");
            return List.of();
        }
        if (out.isEmpty()) problems.add(at, name + " holds no certificate", "a PEM file with -----BEGIN CERTIFICATE----- blocks");
        return out;
    }
}
