package io.wirelab.console;

import io.wirelab.devices.Device;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.link.Port;
import io.wirelab.pcap.Capture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's capture files: the pcapng captures started with :capture, named so that none
 * overwrites another, and the lab file's captures kept under a new name when :reset rebuilds the lab.
 */
final class ConsoleCaptures {
    private final Console console;
    private final Path outDir;
    private final Map<String, Capture> captures = new LinkedHashMap<>();
    private final List<Path> sessionFiles = new ArrayList<>();
    private int resets;

    /** :capture files go to outDir. */
    ConsoleCaptures(Console console, Path outDir) {
        this.console = console;
        this.outDir = outDir;
    }

    /** :capture start PORT | :capture stop PORT | :capture (list); words[0] is ":capture". */
    void command(String[] words) {
        Lab lab = console.lab();
        if (words.length == 1) {
            if (captures.isEmpty() && lab.captures().isEmpty()) console.out().println("no captures (start one: :capture start pc1:eth0)");
            List<List<String>> rows = new ArrayList<>();
            for (Capture c : lab.captures()) rows.add(List.of(c.ports().toString(), String.valueOf(c.frames()), String.valueOf(c.file()), "lab file"));
            captures.forEach((k, c) -> rows.add(List.of(k, String.valueOf(c.frames()), String.valueOf(c.file()), ":capture")));
            if (!rows.isEmpty()) console.out().println(Tables.table(List.of("PORT", "FRAMES", "FILE", "STARTED BY"), rows));
            return;
        }
        if (words.length != 3 || !(words[1].equals("start") || words[1].equals("stop"))) {
            console.error("usage: :capture start PORT | :capture stop PORT (PORT like pc1:eth0)");
            return;
        }
        Port port;
        try {
            port = port(lab, words[2]);
        } catch (IllegalArgumentException e) {
            console.error(e.getMessage());
            return;
        }
        if (words[1].equals("start")) start(lab, port);
        else stop(port);
    }

    private void start(Lab lab, Port port) {
        if (captures.containsKey(port.name())) {
            console.error(port.name() + " is already being captured by :capture");
            return;
        }
        try {
            Path file = freeCaptureFile(lab, port);
            Capture c = Capture.toFile(file, Capture.Format.PCAPNG, 262144, "wirelab console, lab " + lab.name()).tap(port);
            captures.put(port.name(), c);
            String base = Capture.fileName(port, Capture.Format.PCAPNG);
            console.out().println("capturing " + port.name() + " to " + c.file()
                    + (file.getFileName().toString().equals(base) ? "" : " (" + base + " is taken by an earlier or the lab file's capture)"));
        } catch (IOException | RuntimeException e) {
            console.error("cannot capture " + port.name() + ": " + e.getMessage());
        }
    }

    private void stop(Port port) {
        Capture c = captures.remove(port.name());
        if (c == null) {
            console.error(port.name() + " is not being captured" + (captures.isEmpty() ? "" : " (captured: " + String.join(", ", captures.keySet()) + ")"));
            return;
        }
        try {
            c.close();
            console.out().println("wrote " + c.frames() + " frames to " + c.file());
        } catch (IOException e) {
            console.error("closing capture " + c.file() + ": " + e.getMessage());
        }
    }

    private static Port port(Lab lab, String text) {
        String[] parts = text.split(":", 2);
        Device d = lab.devices().get(parts[0]);
        if (d == null) {
            String s = DidYouMean.suggest(parts[0], lab.devices().keySet());
            throw new IllegalArgumentException("no device '" + parts[0] + "'" + (s != null ? "; did you mean '" + s + "'?" : "")
                    + " (devices: " + String.join(", ", lab.devices().keySet()) + ")");
        }
        List<String> names = d.ports().stream().map(Port::name).toList();
        if (parts.length == 1) {
            for (Port p : d.ports()) if (p.isConnected()) return p;
            throw new IllegalArgumentException(parts[0] + " has no linked port");
        }
        for (Port p : d.ports()) if (p.name().equals(text)) return p;
        String s = DidYouMean.suggest(text, names);
        throw new IllegalArgumentException("no port '" + text + "'" + (s != null ? "; did you mean '" + s + "'?" : "")
                + " (ports: " + String.join(", ", names) + ")");
    }

    /**
     * The file for a :capture of port: pc1-eth0.pcapng, or pc1-eth0-2.pcapng, -3, ... when that name is
     * written by the lab file's capture or was written earlier in this session, so no capture is overwritten.
     */
    private Path freeCaptureFile(Lab lab, Port port) {
        String base = Capture.fileName(port, Capture.Format.PCAPNG);
        String stem = base.substring(0, base.length() - ".pcapng".length());
        List<Path> taken = new ArrayList<>(sessionFiles);
        for (Path f : lab.captureFiles()) taken.add(f.toAbsolutePath().normalize());
        Path file = outDir.resolve(base);
        for (int n = 2; taken.contains(file.toAbsolutePath().normalize()); n++) file = outDir.resolve(stem + "-" + n + ".pcapng");
        sessionFiles.add(file.toAbsolutePath().normalize());
        return file;
    }

    /** Closes the captures started with :capture and returns the files that closed cleanly. */
    List<Path> close() {
        List<Path> closed = new ArrayList<>();
        for (Capture c : captures.values()) {
            try {
                c.close();
                closed.add(c.file());
            } catch (IOException e) {
                console.error("closing capture " + c.file() + ": " + e.getMessage());
            }
        }
        captures.clear();
        return closed;
    }

    /** As at the session's start (a replay from the lab's start): closed, and the names written so far free again. */
    void closeAndForget() {
        close();
        sessionFiles.clear();
    }

    /** Whether :capture wrote any file in this session. */
    boolean wroteFiles() { return !sessionFiles.isEmpty(); }

    /**
     * For :reset: renames the lab file's captures of the lab before (pc1-eth0.pcapng to
     * pc1-eth0.reset-1.pcapng), which the rebuilt lab would overwrite; returns the new names.
     */
    List<String> keepForReset(List<Path> labFileCaptures) {
        resets++;
        List<String> kept = new ArrayList<>();
        for (Path f : labFileCaptures) {
            String name = f.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path to = f.resolveSibling(name.substring(0, dot) + ".reset-" + resets + name.substring(dot));
            try {
                Files.move(f, to, StandardCopyOption.REPLACE_EXISTING);
                kept.add(to.getFileName().toString());
            } catch (IOException e) {
                console.error("keeping capture " + f + ": " + e.getMessage() + " (it will be overwritten)");
            }
        }
        return kept;
    }
}
