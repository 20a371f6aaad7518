package io.wirelab.cli;

import io.wirelab.labs.live.LiveStream;
import io.wirelab.labs.live.Pace;
import io.wirelab.labs.run.Lab;
import io.wirelab.sim.WallClock;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** run's --live PORT[=PATH] (pcapng streams for Wireshark) and --pace PACE. */
final class LiveOptions {
    List<String> live = new ArrayList<>();

    String pace;

    /** Adds --live and --pace to spec, bound to this object's fields (CodedSpec). */
    @SuppressWarnings("unchecked")
    void addTo(CommandSpec spec) {
        spec.addOption(CodedSpec.bound(OptionSpec.builder("--live").paramLabel("PORT[=PATH]").type(List.class).auxiliaryTypes(String.class)
                .description("stream an interface's frames live as pcapng, e.g. --live pc1:eth0 | wireshark -k -i -",
                        "to stdout (then all other output goes to stderr), or to a FIFO or file: --live pc1:eth0=/tmp/pc1.fifo; repeatable"),
                () -> live, v -> live = (List<String>) v).build());
        spec.addOption(CodedSpec.bound(OptionSpec.builder("--pace").paramLabel("PACE").type(String.class)
                .description("how fast virtual time passes: realtime, a rate such as 0.1x (slow motion) or 2x, or fast (default)"),
                () -> pace, v -> pace = (String) v).build());
    }

    record Target(String port, Path file) {
        String name() { return file == null ? "stdout" : file.toString(); }
    }

    private final List<Target> targets = new ArrayList<>();
    private Pace parsedPace = Pace.FAST;

    /** Checks --live and --pace; returns what is wrong ("--pace: ...") or null. */
    String problem() {
        targets.clear();
        if (pace != null) {
            try {
                parsedPace = Pace.parse(pace);
            } catch (IllegalArgumentException e) {
                return "--pace: " + e.getMessage();
            }
        }
        Set<String> seen = new HashSet<>();
        for (String spec : live) {
            int eq = spec.indexOf('=');
            String port = (eq < 0 ? spec : spec.substring(0, eq)).strip();
            String file = eq < 0 ? null : spec.substring(eq + 1).strip();
            if (!port.matches("[^:=\\s]+:[^:=\\s]+"))
                return "--live " + spec + ": name an interface as DEVICE:IFACE, e.g. --live pc1:eth0 or --live pc1:eth0=/tmp/pc1.fifo";
            if (file != null && file.isEmpty()) return "--live " + spec + ": give a path after '=', or leave '=' out for stdout";
            Target t = new Target(port, file == null ? null : Path.of(file));
            if (!seen.add(t.name())) return "--live " + spec + ": " + t.name() + " already receives a stream";
            targets.add(t);
        }
        return null;
    }

    boolean streamsToStdout() { return targets.stream().anyMatch(t -> t.file() == null); }

    Pace pace() { return parsedPace; }

    /**
     * Paces the lab and opens its streams (stdout is the process's standard output, err gets the
     * messages). A stream whose reader goes away ends with one line on err; the lab runs on.
     * Throws IllegalArgumentException for a port the lab lacks or a pace a real-time lab cannot take.
     */
    List<LiveStream> start(Lab lab, PrintStream stdout, PrintStream err) throws IOException {
        if (!parsedPace.isFast()) {
            if (lab.isRealTime() && parsedPace.rate() != 1)
                throw new IllegalArgumentException("--pace " + parsedPace + ": this lab runs in real time (--realtime or a bridge), so only --pace realtime fits");
            if (!lab.isRealTime()) parsedPace.applyTo(lab.simulator(), WallClock.SYSTEM);
        }
        for (Target t : targets) {
            try {
                LiveStream.port(lab, t.port());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--live " + t.port() + ": " + e.getMessage(), e);
            }
        }
        List<LiveStream> streams = new ArrayList<>();
        try {
            for (Target t : targets) {
                if (t.file() != null && Files.exists(t.file()) && !Files.isRegularFile(t.file()))
                    err.println("live " + t.port() + ": waiting for a reader to open " + t.file());
                streams.add(LiveStream.open(lab, t.port(), t.file() == null ? stdout : new FileOutputStream(t.file().toFile()), t.name(),
                        (s, reason) -> err.println("wirelab: live stream of " + s.portName() + " to " + s.target() + " ended: "
                                + reason + "; the lab runs on without it")));
            }
        } catch (IOException e) {
            closeAll(streams);
            throw new IOException("--live: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(streams);
            throw e;
        }
        return streams;
    }

    static void closeAll(List<LiveStream> streams) {
        for (LiveStream s : streams) s.close();
    }
}
