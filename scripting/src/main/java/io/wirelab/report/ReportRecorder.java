package io.wirelab.report;

import io.wirelab.devices.Device;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.router.Router;
import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.HttpResult;
import io.wirelab.scripting.PageLoadResult;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.stack.tcp.TcpTrace;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What a report needs from a run that the lab itself does not keep: the script's printed output,
 * every HTTP fetch and page load the script made (with its timings), and how the script ended. One
 * per lab ({@link #of}); the script facades and the CLI feed it while the lab runs.
 */
public final class ReportRecorder {
    /** Script output kept for the report; beyond it the transcript says it was cut. */
    static final int MAX_TRANSCRIPT_CHARS = 1 << 20;
    /** In a real-time run the report plots cwnd, RTO and SRTT of the first this many connections only. */
    static final int REAL_TIME_SOCKET_LIMIT = 100;
    static final int MAX_FAILURE_BYTES = 1 << 16;

    private static final Map<Lab, ReportRecorder> BY_LAB = Collections.synchronizedMap(new WeakHashMap<>());

    /** One HTTP request (page == null) or one page load of a host, in the order the script made them. */
    public record HttpRecord(String host, HttpResult fetch, PageLoadResult page) {}

    private final StringBuilder transcript = new StringBuilder();
    private boolean transcriptCut;
    private final List<HttpRecord> http = new ArrayList<>();
    private final ByteArrayOutputStream failure = new ByteArrayOutputStream();
    private String scriptStatus = "none";

    /**
     * A TCP connection of a host, kept for its TcpTrace (cwnd, ssthresh, RTO, SRTT) after it closed:
     * its ends and the trace only, not the socket, whose connection would stay in memory with all its
     * state (a bridged lab serving a client for hours makes millions).
     */
    public record SocketRecord(String host, String local, String remote, TcpTrace trace) {
        static SocketRecord of(String host, TcpSocket s) {
            return new SocketRecord(host, s.localAddress() + ":" + s.localPort(), s.remoteAddress() + ":" + s.remotePort(), s.trace());
        }
    }

    private final List<SocketRecord> sockets = new ArrayList<>();

    private ReportRecorder(Lab lab) {
        for (Device d : lab.devices().values()) {
            NetworkStack stack = d instanceof Host h ? h.stack() : d instanceof Router r ? r.stack() : null;
            if (stack != null) stack.tcp().observeConnections(s -> {
                if (!lab.isRealTime() || sockets.size() < REAL_TIME_SOCKET_LIMIT) sockets.add(SocketRecord.of(d.name(), s));
            });
        }
    }

    /** The recorder of lab, made at the first call. */
    public static ReportRecorder of(Lab lab) { return BY_LAB.computeIfAbsent(lab, ReportRecorder::new); }

    /** out, with everything printed through it also kept for the report. */
    public PrintWriter transcribing(PrintWriter out) {
        return new PrintWriter(new Writer() {
            @Override public void write(char[] buf, int off, int len) {
                out.write(buf, off, len);
                keep(buf, off, len);
            }

            @Override public void flush() { out.flush(); }

            @Override public void close() { out.flush(); }
        }, true);   // println flushes, as the writer it wraps does
    }

    private void keep(char[] buf, int off, int len) {
        int room = MAX_TRANSCRIPT_CHARS - transcript.length();
        if (room >= len) transcript.append(buf, off, len);
        else {
            transcript.append(buf, off, Math.max(0, room));
            transcriptCut = true;
        }
    }

    public void fetched(String host, HttpResult r) { http.add(new HttpRecord(host, r, null)); }

    public void loaded(String host, PageLoadResult p) { http.add(new HttpRecord(host, null, p)); }

    /** err, with what is printed through it (a script's failure as file:line: message) also kept as the run's failure. */
    public PrintStream recordingFailures(PrintStream err) {
        return new PrintStream(new OutputStream() {
            @Override public void write(int b) {
                err.write(b);
                if (failure.size() < MAX_FAILURE_BYTES) failure.write(b);
            }

            @Override public void write(byte[] b, int off, int len) {
                err.write(b, off, len);
                if (failure.size() < MAX_FAILURE_BYTES) failure.write(b, off, Math.min(len, MAX_FAILURE_BYTES - failure.size()));
            }

            @Override public void flush() { err.flush(); }
        }, true, StandardCharsets.UTF_8);
    }

    /** The lab failed outside the script (an exception while running it). */
    public void failed(String message) {
        if (message != null) failure.writeBytes((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The script's exit code as ScriptRunner gives it: 0 passed, 1 failed, 2 refused, 3 stopped. */
    public void scriptEnded(int rc) {
        this.scriptStatus = switch (rc) {
            case 0 -> "passed";
            case 2 -> "refused";
            case 3 -> "stopped";
            default -> "failed";
        };
    }

    String transcript() { return transcriptCut ? transcript + "\n[output cut after " + MAX_TRANSCRIPT_CHARS + " characters]\n" : transcript.toString(); }
    List<HttpRecord> http() { return List.copyOf(http); }
    List<SocketRecord> sockets() { return List.copyOf(sockets); }
    String scriptStatus() { return scriptStatus; }
    String scriptMessage() { return failure.toString(StandardCharsets.UTF_8).strip(); }
}
