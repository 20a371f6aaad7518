package io.wirelab.labs.live;

import io.wirelab.buffer.Frame;
import io.wirelab.devices.Device;
import io.wirelab.devices.tls.KeyLog;
import io.wirelab.devices.tls.KeyLogSink;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Port;
import io.wirelab.pcap.PcapngWriter;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * One interface of a running lab as a live pcapng stream (stdout, a FIFO, a file) for `wireshark -k -i -`:
 * a Section Header Block and an Interface Description Block first, then every frame as the lab
 * sends it, flushed one by one, with the same bytes and timestamps as the lab's capture file.
 * <p>
 * TLS: Wireshark decrypts a session only with keys it read before the session's handshake, and the
 * keys exist only once the handshake is done. So from a ClientHello whose keys the lab has not
 * logged yet, frames are held back until the lab's key log has that session's secrets (or
 * HOLD_LIMIT_NANOS of lab time, or HOLD_LIMIT_FRAMES frames, pass), then written as a Decryption
 * Secrets Block followed by the held frames: one round trip late, in order, unchanged.
 * <p>
 * When the reader goes away (Wireshark closed: a broken pipe) the stream ends quietly: it writes
 * nothing more, the lab goes on, and the end listener is told why.
 */
public final class LiveStream implements Closeable {
    static final long HOLD_LIMIT_NANOS = 2_000_000_000L;
    static final int HOLD_LIMIT_FRAMES = 10_000;

    /** Told once when a stream ends before close(): reason says why ("the reader closed the stream"). */
    @FunctionalInterface
    public interface EndListener {
        void ended(LiveStream stream, String reason);
    }

    private record Held(long time, Frame frame) {}

    private final String portName;
    private final String target;
    private final OutputStream out;
    private final EndListener onEnd;
    private final PcapngWriter writer;
    private final FrameTap tap = (p, direction, frame, now) -> onFrame(frame, now);
    private final KeyLogSink keyListener = this::onKeyLine;
    private final Map<String, Set<String>> keyLabels = new HashMap<>();    // client random -> key log labels seen
    private final Set<String> keysWritten = new HashSet<>();
    private final Map<String, Long> pending = new LinkedHashMap<>();      // client random -> time of its ClientHello
    private final List<Held> held = new ArrayList<>();
    private final Timeline timeline = new Timeline();
    private Lab lab;
    private Port port;
    private KeyLog keyLog;
    private long frames;
    private final long startedAt;
    private long skipBefore;
    private boolean ended;
    private String endReason;

    private LiveStream(Lab lab, Port port, OutputStream out, String target, EndListener onEnd) throws IOException {
        this.portName = port.name();
        this.target = target;
        this.out = out instanceof PrintStream ps ? new CheckedPrintStream(ps) : out;
        this.onEnd = onEnd;
        this.startedAt = lab.now();
        this.writer = new PcapngWriter(this.out, sectionComment(lab));
        writer.addInterface(portName, description(lab), PcapngWriter.DEFAULT_SNAPLEN);
        attach(lab);
    }

    /**
     * Starts streaming portName ("pc1:eth0") of lab onto out; target names out in messages ("stdout", a path).
     * Throws IllegalArgumentException for a port the lab does not have, IOException when out cannot take the headers.
     */
    public static LiveStream open(Lab lab, String portName, OutputStream out, String target, EndListener onEnd) throws IOException {
        return new LiveStream(lab, port(lab, portName), out, target, onEnd);
    }

    /** The port named "pc1:eth0" in lab, or an IllegalArgumentException that lists what there is. */
    public static Port port(Lab lab, String name) {
        String[] parts = name.split(":", 2);
        Device d = lab.devices().get(parts[0]);
        if (d == null) {
            String hint = DidYouMean.hint(parts[0], lab.devices().keySet());
            throw new IllegalArgumentException("no device '" + parts[0] + "' in lab " + lab.name() + (hint == null ? "" : " (" + hint + ")"));
        }
        List<String> names = d.ports().stream().map(Port::name).toList();
        if (parts.length == 1 || parts[1].isEmpty())
            throw new IllegalArgumentException("name an interface of " + parts[0] + ", e.g. " + (names.isEmpty() ? parts[0] + ":eth0" : names.getFirst()));
        Port p = d.port(parts[1]);
        if (p == null) {
            String hint = DidYouMean.hint(name, names);
            throw new IllegalArgumentException("no interface '" + name + "' (interfaces: " + String.join(", ", names) + ")"
                    + (hint == null ? "" : "; " + hint));
        }
        return p;
    }

    public String portName() { return portName; }
    /** Where the stream goes ("stdout", a path). */
    public String target() { return target; }
    /** Frames written to the stream so far. */
    public long frames() { return frames; }
    /** Frames held back until their TLS keys are known. */
    public int heldFrames() { return held.size(); }
    public boolean isEnded() { return ended; }
    /** Why the stream ended, or null while it runs or after close(). */
    public String endReason() { return endReason; }

    /**
     * Streams the same interface of another build of the same lab (after a console :reset or a replay
     * from the start): frames that repeat what the stream already carried (same time and bytes, in the
     * same order) are not written again; from the first frame that differs a new pcapng section begins.
     */
    public void follow(Lab next) { follow(next, false); }

    /**
     * Like follow(next); replay true for a replay of the same session from the lab's start (the
     * console's :back), whose frames before the lab time this stream started at are not written.
     */
    public void follow(Lab next, boolean replay) {
        if (ended) return;
        release();
        detach();
        timeline.replay();
        skipBefore = replay ? startedAt : 0;
        attach(next);
    }

    /** Writes any held frames, stops streaming and closes the output. Idempotent. */
    @Override public void close() {
        detach();
        if (ended) return;
        release();
        detach();
        ended = true;
        try {
            out.close();
        } catch (IOException e) {
            // the reader is gone; nothing is lost that it could still read
        }
    }

    private void attach(Lab next) {
        Port p = port(next, portName);
        lab = next;
        port = p;
        keyLog = next.tls().keyLog();
        for (String line : keyLog.lines()) noteKey(line);
        keyLog.addListener(keyListener);
        port.addTap(tap);
    }

    private void detach() {
        if (port != null) port.removeTap(tap);
        if (keyLog != null) keyLog.removeListener(keyListener);
        port = null;
        keyLog = null;
    }

    void onFrame(Frame frame, long now) {
        if (ended) return;
        String random = TlsClientHellos.clientRandom(frame.bytes());
        if (random != null && !keysComplete(random) && !pending.containsKey(random)) pending.put(random, now);
        if (pending.isEmpty()) {
            write(now, frame);
            return;
        }
        held.add(new Held(now, frame));
        releaseWhenKeysKnown(now);
    }

    void onKeyLine(String line) {
        noteKey(line);
        if (!pending.isEmpty()) releaseWhenKeysKnown(lab.now());
    }

    private void noteKey(String line) {
        String[] f = line.split(" ");
        if (f.length == 3) keyLabels.computeIfAbsent(f[1].toLowerCase(java.util.Locale.ROOT), r -> new HashSet<>()).add(f[0]);
    }

    /** A TLS 1.2 master secret, or both TLS 1.3 application traffic secrets (which the lab logs after the handshake ones). */
    private boolean keysComplete(String random) {
        Set<String> labels = keyLabels.get(random);
        return labels != null && (labels.contains("CLIENT_RANDOM")
                || labels.contains("CLIENT_TRAFFIC_SECRET_0") && labels.contains("SERVER_TRAFFIC_SECRET_0"));
    }

    private void releaseWhenKeysKnown(long now) {
        pending.entrySet().removeIf(e -> keysComplete(e.getKey()) || now - e.getValue() > HOLD_LIMIT_NANOS);
        if (held.size() >= HOLD_LIMIT_FRAMES) pending.clear();
        if (pending.isEmpty()) release();
    }

    /** The key lines the stream has not carried yet as one Decryption Secrets Block, then the held frames. */
    private void release() {
        pending.clear();
        if (held.isEmpty() || ended) {
            held.clear();
            return;
        }
        List<Held> frames = List.copyOf(held);
        held.clear();
        try {
            writeNewKeys();
        } catch (IOException e) {
            end(e);
            return;
        }
        for (Held h : frames) write(h.time(), h.frame());
    }

    private void writeNewKeys() throws IOException {
        if (keyLog == null) return;
        StringBuilder text = new StringBuilder();
        for (String line : keyLog.lines()) if (keysWritten.add(line)) text.append(line).append('\n');
        if (!text.isEmpty()) writer.writeDecryptionSecrets(text.toString());
    }

    private void write(long now, Frame frame) {
        if (ended || now < skipBefore) return;
        try {
            switch (timeline.next(now, frame)) {
                case REPEAT -> { return; }
                case DIVERGED -> {
                    writer.startSection(sectionComment(lab) + "; replayed from the start, differs from here on");
                    writer.addInterface(portName, description(lab), PcapngWriter.DEFAULT_SNAPLEN);
                    keysWritten.clear();
                    writeNewKeys();
                }
                case NEW -> { }
            }
            writer.writePacket(0, now, frame.bytes(), 0, frame.length(), null, frame.fcsError() ? PcapngWriter.FLAGS_INBOUND_CRC_ERROR : 0);
            frames++;
        } catch (IOException e) {
            end(e);
        }
    }

    /** The tap stays on the port (a no-op from now on) until close(): a port's taps must not change while it delivers a frame. */
    private void end(IOException e) {
        ended = true;
        held.clear();
        endReason = isBrokenPipe(e) ? "the reader closed the stream" : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        try {
            out.close();
        } catch (IOException ignored) {
            // already broken
        }
        if (onEnd != null) onEnd.ended(this, endReason);
    }

    private static boolean isBrokenPipe(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Broken pipe") || m.contains("broken pipe") || m.contains(CheckedPrintStream.GONE));
    }

    private static String sectionComment(Lab lab) { return "wirelab lab " + lab.name() + ", seed " + lab.seed(); }

    private static String description(Lab lab) { return "wirelab lab " + lab.name() + ", live"; }

    /** What the stream has carried, to recognise a replay of it (see follow). */
    private static final class Timeline {
        enum Step { NEW, REPEAT, DIVERGED }

        private long[] times = new long[1024];
        private long[] sums = new long[1024];
        private int size;
        private int replayAt = -1;
        private final CRC32C crc = new CRC32C();

        void replay() { replayAt = 0; }

        Step next(long time, Frame frame) {
            crc.reset();
            crc.update(frame.bytes(), 0, frame.length());
            long sum = crc.getValue() << 32 | frame.length();
            if (replayAt >= 0 && replayAt < size) {
                if (times[replayAt] == time && sums[replayAt] == sum) {
                    replayAt++;
                    return Step.REPEAT;
                }
                size = replayAt;
                replayAt = -1;
                add(time, sum);
                return Step.DIVERGED;
            }
            replayAt = -1;
            add(time, sum);
            return Step.NEW;
        }

        private void add(long time, long sum) {
            if (size == times.length) {
                times = java.util.Arrays.copyOf(times, size * 2);
                sums = java.util.Arrays.copyOf(sums, size * 2);
            }
            times[size] = time;
            sums[size++] = sum;
        }
    }

    /** A PrintStream (System.out) hides write errors; this one reports them as IOExceptions. */
    private static final class CheckedPrintStream extends OutputStream {
        static final String GONE = "the stream's reader is gone";
        private final PrintStream ps;

        CheckedPrintStream(PrintStream ps) { this.ps = ps; }

        @Override public void write(int b) throws IOException {
            ps.write(b);
            check();
        }

        @Override public void write(byte[] b, int off, int len) throws IOException {
            ps.write(b, off, len);
            check();
        }

        @Override public void flush() throws IOException {
            ps.flush();
            check();
        }

        @Override public void close() throws IOException { flush(); }

        private void check() throws IOException {
            if (ps.checkError()) throw new IOException(GONE);
        }
    }
}
