package io.wirelab.cli;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.live.LiveStream;
import io.wirelab.labs.live.Pace;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.VirtualDuration;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import io.wirelab.sim.WallClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code wirelab extcap}: Wireshark's extcap interface (--extcap-interfaces, --extcap-dlts,
 * --extcap-config, --capture --fifo), so Wireshark's capture dialog lists wirelab labs and a capture
 * there runs the lab and streams one of its interfaces; {@code --install} puts a wrapper into the
 * user's extcap folder. One interface, wirelab-lab: the lab (a file or a built-in), its interface
 * and the pace are chosen in its options. Wireshark asks every extcap for its interfaces and each
 * interface's options at start-up (a JVM start each), so the list stays one entry long and cheap.
 */
@Command(name = "extcap", mixinStandardHelpOptions = true,
        description = {"Wireshark extcap: lists wirelab labs in Wireshark's capture dialog and streams an interface of a running lab.",
                "Install once with: wirelab extcap --install (then restart Wireshark). Wireshark makes the other calls."})
final class ExtcapCommand implements Callable<Integer> {
    static final String INTERFACE = "wirelab-lab";
    static final String DEFAULT_LAB = "http-basics";
    static final String DEFAULT_PORT = "pc1:eth0";
    static final List<String> PACES = List.of("realtime", "0.1x", "0.5x", "2x", "10x", "fast");

    private final Io io;

    @Option(names = "--install", description = "write the extcap wrapper into your Wireshark extcap folder") boolean install;
    @Option(names = "--dir", paramLabel = "DIR", description = "the extcap folder for --install (default: the personal one tshark reports, else ~/.local/lib/wireshark/extcap)") Path dir;
    @Option(names = "--extcap-interfaces", description = "(Wireshark) list the interfaces") boolean interfaces;
    @Option(names = "--extcap-version", arity = "0..1", paramLabel = "VERSION", description = "(Wireshark) print the extcap version; Wireshark passes its own") String wiresharkVersion;
    @Option(names = "--extcap-interface", paramLabel = "IFACE", description = "(Wireshark) the interface a call is about") String iface;
    @Option(names = "--extcap-dlts", description = "(Wireshark) list the interface's link types") boolean dlts;
    @Option(names = "--extcap-config", description = "(Wireshark) list the interface's options") boolean config;
    @Option(names = "--capture", description = "(Wireshark) run the lab and stream the interface to --fifo") boolean capture;
    @Option(names = "--fifo", paramLabel = "PATH", description = "(Wireshark) where the capture goes") Path fifo;
    @Option(names = "--extcap-capture-filter", paramLabel = "FILTER", description = "(Wireshark) a capture filter: not supported, ignored (use a display filter)") String captureFilter;
    @Option(names = "--lab-file", paramLabel = "FILE", description = "the lab file to run (instead of --lab)") String labFile;
    @Option(names = "--lab", paramLabel = "NAME", defaultValue = DEFAULT_LAB, description = "the built-in lab to run when no --lab-file is given (default: ${DEFAULT-VALUE})") String builtin;
    @Option(names = "--port", paramLabel = "PORT", defaultValue = DEFAULT_PORT, description = "the lab's interface to stream (default: ${DEFAULT-VALUE})") String port;
    @Option(names = "--pace", paramLabel = "PACE", defaultValue = "realtime", description = "realtime (default), a rate such as 0.1x or 2x, or fast") String pace;
    @Option(names = "--seed", paramLabel = "N", description = "seed for every random choice (default: the lab's)") Long seed;
    @Option(names = "--for", paramLabel = "DURATION", description = "virtual time to run after the lab's script (default: 10s for a lab without a script)") String runFor;
    @Option(names = "--extcap-control-in", paramLabel = "PIPE", description = "(Wireshark) control messages from Wireshark: read and ignored; the capture stops when Wireshark closes it") Path controlIn;
    @Option(names = "--extcap-control-out", paramLabel = "PIPE", description = "(Wireshark) control messages to Wireshark: opened, none sent") Path controlOut;
    @Unmatched List<String> ignored = new ArrayList<>();   // options of newer Wireshark versions (reload)

    ExtcapCommand(Io io) { this.io = io; }

    @Override public Integer call() {
        if (install) return new ExtcapInstaller(io).install(dir, System.getenv());
        if (interfaces) return interfaces();
        if (wiresharkVersion != null || (iface == null && !capture)) {
            if (wiresharkVersion == null) {
                io.err().println("wirelab extcap: Wireshark calls this with --extcap-interfaces, --extcap-config or --capture; install it with: wirelab extcap --install");
                return Main.USAGE;
            }
            io.out().println(extcapLine());
            return Main.OK;
        }
        if (iface == null) return usage("--extcap-interface is missing");
        if (!iface.equals(INTERFACE)) return usage("no interface " + iface + " (the one interface is " + INTERFACE + ")");
        if (dlts) {
            io.out().println("dlt {number=1}{name=EN10MB}{display=Ethernet}");
            return Main.OK;
        }
        if (config) return config();
        if (capture) return capture();
        return usage("say what to do: --extcap-dlts, --extcap-config or --capture");
    }

    private int usage(String message) {
        io.err().println("wirelab extcap: " + message);
        return Main.USAGE;
    }

    private static String extcapLine() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // the version stays unknown
        }
        return "extcap {version=" + p.getProperty("version", "unknown") + "}{display=wirelab network labs}";
    }

    /** Text inside {...}: braces would end the field early. */
    static String field(String s) { return s.replace('{', '(').replace('}', ')').replace('\n', ' ').strip(); }

    private int interfaces() {
        io.out().println(extcapLine());
        io.out().println("interface {value=" + INTERFACE + "}{display=wirelab network lab (choose the lab and its interface in the options)}");
        return Main.OK;
    }

    private int config() {
        io.out().println("arg {number=0}{call=--lab-file}{display=Lab file}{type=fileselect}{mustexist=true}"
                + "{tooltip=A wirelab lab file (.yaml), run instead of the built-in lab; its script runs in the sandbox}");
        io.out().println("arg {number=1}{call=--lab}{display=Built-in lab}{type=selector}{tooltip=The lab to run when no lab file is chosen}");
        for (BuiltinLabs.Entry e : LabSource.builtins())
            io.out().println("value {arg=1}{value=" + e.name() + "}{display=" + e.name() + ": " + field(e.description().lines().findFirst().orElse(""))
                    + "}" + (e.name().equals(DEFAULT_LAB) ? "{default=true}" : ""));
        io.out().println("arg {number=2}{call=--port}{display=Interface}{type=string}{default=" + DEFAULT_PORT + "}{required=true}"
                + "{validation=^[^:\\\\s]+:[^:\\\\s]+$}{tooltip=The lab's interface to stream, as device:interface (wirelab validate and :devices list them)}");
        io.out().println("arg {number=3}{call=--pace}{display=Pace}{type=selector}{tooltip=How fast the lab's time passes}");
        for (String p : PACES)
            io.out().println("value {arg=3}{value=" + p + "}{display=" + paceDisplay(p) + "}" + (p.equals("realtime") ? "{default=true}" : ""));
        io.out().println("arg {number=4}{call=--seed}{display=Seed}{type=long}{tooltip=Seed for every random choice (empty: the lab's)}");
        io.out().println("arg {number=5}{call=--for}{display=Run for}{type=string}{validation=^([0-9.]+ *[a-z]+)?$}"
                + "{tooltip=Virtual time to run after the lab's script, e.g. 30s (empty: 10s for a lab without a script)}");
        return Main.OK;
    }

    private static String paceDisplay(String p) {
        return switch (p) {
            case "realtime" -> "real time";
            case "fast" -> "as fast as possible";
            default -> p + (p.startsWith("0.") ? " (slow motion)" : "");
        };
    }

    private int capture() {
        if (fifo == null) return usage("--capture needs --fifo PATH");
        Pace paced;
        long extraNanos;
        try {
            paced = Pace.parse(pace);
            extraNanos = runFor == null || runFor.isBlank() ? -1 : VirtualDuration.parse(runFor).nanos();
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        String source = labFile != null && !labFile.isBlank() ? labFile : builtin;
        LabSpec spec = LabSource.loadOrReport(source, io);
        if (spec == null) return Main.USAGE;
        if (seed != null) spec = spec.withSeed(seed);
        String portName = port.strip();
        ScriptSource script = spec.script() != null ? ScriptSource.of(spec.script()) : null;
        if (script != null) {
            List<String> problems = ScriptRunner.compileProblems(script, GroovyEngine.Trust.SANDBOXED);
            if (!problems.isEmpty()) {
                problems.forEach(io.err()::println);
                return Main.USAGE;
            }
        }
        Lab lab;
        try {
            lab = new LabBuilder(new StandardServices()).buildLab(spec, LabBuilder.Options.withoutCaptures());
        } catch (RuntimeException e) {
            io.err().println("wirelab extcap: cannot start lab " + spec.name() + ": " + e.getMessage());
            return Main.FAILED;
        }
        GroovyEngine engine = new GroovyEngine(GroovyEngine.Mode.SCRIPT);
        Runnable stopLab = () -> {
            engine.interrupt();
            lab.simulator().requestStop();
        };
        try (lab; ExtcapStop stop = new ExtcapStop(Main.handlesSignals(), controlIn, controlOut);
             OutputStream out = stop.open(fifo, stopLab);
             LiveStream stream = LiveStream.open(lab, portName, out, fifo.toString(), (s, reason) -> stopLab.run())) {   // Wireshark stopped reading
            if (!paced.isFast() && !lab.isRealTime()) paced.applyTo(lab.simulator(), WallClock.SYSTEM);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());   // Wireshark shows no stdout
            int rc = script == null ? Main.OK : new ScriptRunner(quiet, io.err()).run(engine, lab, script, GroovyEngine.Trust.SANDBOXED, () -> "stopped");
            long more = extraNanos >= 0 ? extraNanos : script == null ? RunCommand.DEFAULT_FOR_WITHOUT_SCRIPT : 0;
            if (rc == Main.OK && !stream.isEnded() && more > 0) lab.simulator().runFor(more);
            return stream.isEnded() || stop.stopped() || rc == ScriptRunner.INTERRUPTED ? Main.OK : rc;
        } catch (IllegalArgumentException e) {
            return usage("--port " + portName + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            io.err().println("wirelab extcap: lab " + spec.name() + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return Main.FAILED;
        }
    }
}
