package io.wirelab.cli;

import io.wirelab.bridge.Libpcap;
import io.wirelab.bridge.PacketDevice;
import io.wirelab.bridge.PacketDeviceException;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import io.wirelab.sim.SimTime;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;

/**
 * Before a real-time lab starts (a bridge opens, or run --realtime), runs the built-in http-basics
 * once in virtual time, without captures and printing nothing: DHCP, DNS, HTTP, a TLS handshake with
 * its key generation, and a sandboxed script. Their classes are then loaded and their code has run,
 * so the real-time lab's first handshake does not hold the simulator while a real peer waits. Then a
 * burst of plain HTTP requests, {@value #LOAD_REQUESTS} over {@value #LOAD_CONNECTIONS} keep-alive
 * connections and as many on connections of their own (TIME-WAIT included), so the server's and TCP's
 * paths under load are compiled before a real client's load arrives (they used to be compiled while ab
 * waited: about 460 methods in its first half second, the loop running them interpreted). Then, for a
 * lab with a bridge, the rehearsal: a web server behind two bridges wired back to back in memory
 * ({@link Libpcap#rehearsalPair()}),
 * in real time, under {@value #REHEARSAL_CONNECTIONS} keep-alive connections, then as many opened at
 * once per burst (ab -c 50's opening), then one request at a time (every frame crossing then finds the
 * loop waiting in ppoll), so the bridge's own paths (pcap_dispatch and its upcall, sendmmsg, ppoll, the
 * real-time loop serving an outside) are compiled before a real interface opens; they used to be
 * compiled in a real client's first quarter second (about 190 methods).
 * {@link #settle(Lab)}, once the real-time lab is built and before it runs: one full collection. The JVM
 * would otherwise run one in the middle of the real-time run, stopping the simulator for tens of
 * milliseconds, once the code compiled (CodeCache GC Threshold) or the classes loaded (Metadata GC
 * Threshold) since the last full collection pass their threshold; and the lab just built goes to the
 * old generation, where the first young collections under load would otherwise copy it twice.
 */
final class RealTimeWarmUp {
    static final String LAB = "http-basics";
    /** Requests of each kind in the load after the script (C1 compiles a method after about 200 calls). */
    static final int LOAD_REQUESTS = 600;
    static final int LOAD_CONNECTIONS = 16;
    static final String LOAD_CLIENT = "pc1";
    static final String LOAD_URL = "http://10.0.0.80/style.css";
    /** Connections of the rehearsal's loads, each at once: what ab -c 50 opens. */
    static final int REHEARSAL_CONNECTIONS = 50;
    static final String REHEARSAL_URL = "http://198.18.0.80/";
    static final String REHEARSAL_LAB = """
            name: real-time-rehearsal
            description: a web server behind two bridges wired back to back in memory (RealTimeWarmUp)
            nodes:
              near: { kind: bridge, interface: rehearsal0 }
              far: { kind: bridge, interface: rehearsal1 }
              pc1: { kind: pc, ip: 198.18.0.2/24 }
              srv: { kind: server, ip: 198.18.0.80/24, services: { web: { pages: { /: "hello from the lab" } } } }
            links:
              - [pc1, near, { bandwidth: 10Gbps }]
              - [far, srv, { bandwidth: 10Gbps }]
            """;
    /** The longest the rehearsal's loads may take on the wall clock (a few hundred milliseconds on an idle core). */
    static final long REHEARSAL_LIMIT_NANOS = SimTime.seconds(20);

    private RealTimeWarmUp() {}

    /** Whether the warm-up lab ran its script to the end and its loads were answered; bridged: whether to rehearse the bridge too. */
    static boolean run(boolean bridged) {
        LabSpec spec;
        try {
            spec = BuiltinLabs.builtin(LAB);
        } catch (LabFileException e) {
            throw new IllegalStateException("built-in lab " + LAB + " does not load", e);
        }
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        boolean ok;
        try (Lab lab = new LabBuilder(new StandardServices()).buildLab(spec, LabBuilder.Options.withoutCaptures())) {
            ok = new ScriptRunner(discard, discard).run(lab, ScriptSource.of(spec.script())) == ScriptRunner.OK
                    && load(lab, ConnectionPolicy.persistent(LOAD_CONNECTIONS)).answered() == LOAD_REQUESTS
                    && load(lab, ConnectionPolicy.parallel(LOAD_CONNECTIONS)).answered() == LOAD_REQUESTS;
        }
        return ok && (!bridged || rehearse() != Rehearsal.FAILED);
    }

    /** How the rehearsal went: its loads answered, skipped (no libpcap here: the bridged lab says so itself), or not. */
    enum Rehearsal { ANSWERED, SKIPPED, FAILED }

    /** Runs the rehearsal lab's loads in real time through its bridges. */
    static Rehearsal rehearse() {
        List<PacketDevice> pair;
        LabSpec spec;
        try {
            pair = Libpcap.rehearsalPair();
            spec = LabYamlReader.read("real-time-rehearsal.yaml", "real-time-rehearsal", REHEARSAL_LAB, n -> null);
        } catch (PacketDeviceException e) {
            return Rehearsal.SKIPPED;
        } catch (LabFileException e) {
            throw new IllegalStateException("the real-time rehearsal's lab does not load", e);
        }
        Iterator<PacketDevice> devices = pair.iterator();
        try (Lab lab = new LabBuilder(new StandardServices()).packetDevices(devices::next).buildLab(spec, LabBuilder.Options.withoutCaptures())) {
            RealTimeLag.watch(lab.simulator().realTime());      // the stretches' own measurement warmed too, when asked for
            boolean ok = true;
            for (ConnectionPolicy p : List.of(ConnectionPolicy.persistent(REHEARSAL_CONNECTIONS), ConnectionPolicy.parallel(REHEARSAL_CONNECTIONS),
                    ConnectionPolicy.persistent(1)))
                ok &= load(lab, LOAD_CLIENT, REHEARSAL_URL, p, REHEARSAL_LIMIT_NANOS).answered() == LOAD_REQUESTS;
            return ok ? Rehearsal.ANSWERED : Rehearsal.FAILED;
        } finally {
            devices.forEachRemaining(PacketDevice::close);
        }
    }

    /**
     * After the warm-up and the real-time lab's build, before its first event: one full collection;
     * and the lab's stretches behind the wall clock measured when they are asked for (RealTimeLag).
     */
    static void settle(Lab running) {
        RealTimeLag.watch(running.simulator().realTime());
        System.gc();
    }

    /** What a load did: requests answered 200, connections the client opened. */
    record Load(int answered, long connections) {}

    /** Sends LOAD_REQUESTS GETs at once from the warm-up lab's PC under policy and runs the lab until every one ended. */
    static Load load(Lab lab, ConnectionPolicy policy) {
        return load(lab, LOAD_CLIENT, LOAD_URL, policy, SimTime.seconds(60));
    }

    /** Sends LOAD_REQUESTS GETs of url at once from client under policy and runs the lab until every one ended, for at most limitNanos. */
    static Load load(Lab lab, String client, String url, ConnectionPolicy policy, long limitNanos) {
        HttpClient http = lab.runtime(client).http().client(HttpClientConfig.defaults().withPolicy(policy));
        int[] ended = {0};
        int[] answered = {0};
        for (int i = 0; i < LOAD_REQUESTS; i++)
            http.get(url).whenComplete((x, failure) -> {
                ended[0]++;
                if (failure == null && x.status() == 200) answered[0]++;
            });
        lab.simulator().runUntil(() -> ended[0] == LOAD_REQUESTS, limitNanos);
        return new Load(answered[0], http.connectionsOpened());
    }
}
