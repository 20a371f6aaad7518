package io.wirelab.cli;

import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import io.wirelab.sim.SimTime;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Before a real-time lab starts (a bridge opens, or run --realtime), runs the built-in http-basics
 * once in virtual time, without captures and printing nothing: DHCP, DNS, HTTP, a TLS handshake with
 * its key generation, and a sandboxed script. Their classes are then loaded and their code has run,
 * so the real-time lab's first handshake does not hold the simulator while a real peer waits. Then a
 * burst of plain HTTP requests, {@value #LOAD_REQUESTS} over {@value #LOAD_CONNECTIONS} keep-alive
 * connections and as many on connections of their own (TIME-WAIT included), so the server's and TCP's
 * paths under load are compiled before a real client's load arrives (they used to be compiled while ab
 * waited: about 460 methods in its first half second, the loop running them interpreted).
 * {@link #settle()}, once the real-time lab is built and before it runs: one full collection. The JVM
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

    private RealTimeWarmUp() {}

    /** Whether the warm-up lab ran its script to the end and its loads were answered. */
    static boolean run() {
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
        return ok;
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
        HttpClient client = lab.runtime(LOAD_CLIENT).http().client(HttpClientConfig.defaults().withPolicy(policy));
        int[] ended = {0};
        int[] answered = {0};
        for (int i = 0; i < LOAD_REQUESTS; i++)
            client.get(LOAD_URL).whenComplete((x, failure) -> {
                ended[0]++;
                if (failure == null && x.status() == 200) answered[0]++;
            });
        lab.simulator().runUntil(() -> ended[0] == LOAD_REQUESTS, SimTime.seconds(60));
        return new Load(answered[0], client.connectionsOpened());
    }
}
