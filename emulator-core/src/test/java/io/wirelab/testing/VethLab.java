package io.wirelab.testing;

import io.wirelab.bridge.Libpcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A veth pair for tests against real Linux peers: one end (bridged()) stays in this network
 * namespace without addresses or IPv6, so only the lab answers on it; the other end lives in a new
 * namespace with a 198.18.0.0/15 address, where peer programs run through exec()/start().
 * create() skips the test (fails under WIRELAB_REQUIRE_TOOLS=1) when not root, without `ip netns`
 * or without libpcap. close() deletes the namespace, which deletes the pair.
 */
public final class VethLab implements AutoCloseable {
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final String namespace;
    private final String bridged;
    private final String peer;
    private final List<Process> started = new ArrayList<>();

    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() { return exitCode == 0; }
        @Override public String toString() { return "exit " + exitCode + "\n" + stdout + stderr; }
    }

    private VethLab(String namespace, String bridged, String peer) {
        this.namespace = namespace;
        this.bridged = bridged;
        this.peer = peer;
    }

    /** A pair whose peer end gets peerCidr (inside 198.18.0.0/15), or no address when peerCidr is null. */
    public static VethLab create(String peerCidr) {
        requireEnvironment();
        if (peerCidr != null && !peerCidr.startsWith("198.18.") && !peerCidr.startsWith("198.19."))
            throw new IllegalArgumentException("test peers use 198.18.0.0/15 only: " + peerCidr);
        String tag = ProcessHandle.current().pid() % 100_000 + "x" + SERIAL.incrementAndGet();
        VethLab v = new VethLab("wirelab-t" + tag, "wlb" + tag + "a", "wlb" + tag + "b");
        try {
            v.root("ip", "netns", "add", v.namespace);
            v.root("ip", "link", "add", v.bridged, "type", "veth", "peer", "name", v.peer, "netns", v.namespace);
            v.root("sysctl", "-qw", "net.ipv6.conf." + v.bridged + ".disable_ipv6=1");
            v.root("ip", "link", "set", v.bridged, "up");
            v.root("ip", "netns", "exec", v.namespace, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
            v.root("ip", "netns", "exec", v.namespace, "ip", "link", "set", "lo", "up");
            // full checksums on the peer's frames, and no TSO super-frames larger than the lab's MTU
            v.root("ip", "netns", "exec", v.namespace, Tools.require("ethtool").toString(), "-K", v.peer, "tx", "off", "tso", "off", "gso", "off");
            if (peerCidr != null) v.root("ip", "netns", "exec", v.namespace, "ip", "addr", "add", peerCidr, "dev", v.peer);
            v.root("ip", "netns", "exec", v.namespace, "ip", "link", "set", v.peer, "up");
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
        return v;
    }

    private static void requireEnvironment() {
        if (!"root".equals(System.getProperty("user.name")) && !isRootUid())
            Tools.unavailable("bridge tests need root (network namespaces, veth pairs, raw capture)");
        Tools.require("ip");
        Tools.require("ethtool");
        if (run(List.of("ip", "netns", "list"), 10).exitCode() != 0) Tools.unavailable("'ip netns' does not work here");
        if (!Libpcap.isAvailable()) Tools.unavailable("libpcap is not installed (apt-get install libpcap0.8)");
    }

    private static boolean isRootUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("Uid:")) return line.split("\\s+")[1].equals("0");
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The end in this namespace, to bridge the lab to. */
    public String bridged() { return bridged; }
    /** The end inside the namespace, where the peer programs' traffic leaves. */
    public String peer() { return peer; }
    public String namespace() { return namespace; }

    /** Runs a command inside the namespace and waits (at most timeoutSeconds). */
    public Result exec(int timeoutSeconds, String... command) {
        return run(inNamespace(command), timeoutSeconds);
    }

    /** Starts a command inside the namespace; it is destroyed at close() if still running. */
    public Process start(String... command) {
        try {
            Process p = new ProcessBuilder(inNamespace(command)).start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a command in this (the bridged end's) namespace; destroyed at close(). */
    public Process startHere(String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> inNamespace(String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        c.addAll(List.of(command));
        return c;
    }

    private void root(String... command) {
        Result r = run(List.of(command), 20);
        if (r.exitCode() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + r);
    }

    public static Result run(List<String> command, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("wirelab-veth", ".out");
            Path err = Files.createTempFile("wirelab-veth", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    return new Result(-1, Files.readString(out), Files.readString(err) + "\n(timed out after " + timeoutSeconds + "s)");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops what was started, deletes the namespace (and with it the veth pair). */
    @Override public void close() {
        for (Process p : started) {
            if (p.isAlive()) p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        run(List.of("ip", "netns", "del", namespace), 20);
        run(List.of("ip", "link", "del", bridged), 20);
    }
}
