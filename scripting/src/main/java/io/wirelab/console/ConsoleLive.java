package io.wirelab.console;

import io.wirelab.labs.live.LiveStream;
import io.wirelab.labs.live.PendingFifo;
import io.wirelab.labs.run.Lab;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The console's live streams (:live): interfaces of the lab as pcapng on FIFOs (or files) for
 * `wireshark -k -i FIFO` while the user drives the lab. Frames are written, flushed, as the events
 * that send them run, so stepping through a lab shows each frame as it happens. A rebuilt lab
 * (:reset, a replay from the start) is followed by every stream: see {@link #follow(Lab)}.
 */
public final class ConsoleLive {
    public static final String USAGE = ":live PORT [PATH] | :live stop [PORT] | :live (list); PORT like pc1:eth0, PATH a FIFO or file";

    private final PrintWriter out;
    private final Path fifoDir;
    private final Map<String, LiveStream> streams = new LinkedHashMap<>();
    private final Map<String, PendingFifo> fifos = new LinkedHashMap<>();

    /** fifoDir holds the FIFOs made for :live PORT without a path. */
    public ConsoleLive(PrintWriter out, Path fifoDir) {
        this.out = out;
        this.fifoDir = fifoDir;
    }

    /** Runs ":live ..." (words[0] is ":live") against lab; returns false when the input was wrong. */
    public boolean command(Lab lab, String[] words) {
        if (words.length == 1) {
            list();
            return true;
        }
        if (words[1].equals("stop")) {
            if (words.length > 3) return fail("usage: " + USAGE);
            List<String> ports = words.length == 3 ? List.of(words[2]) : List.copyOf(streams.keySet());
            if (ports.isEmpty()) return fail("no live streams (start one: :live pc1:eth0)");
            for (String p : ports) {
                LiveStream s = streams.remove(p);
                if (s == null) return fail(p + " is not streamed live" + (streams.isEmpty() ? "" : " (live: " + String.join(", ", streams.keySet()) + ")"));
                fifos.remove(p);
                s.close();
                out.println("stopped " + p + " after " + s.frames() + " frames to " + s.target());
            }
            return true;
        }
        if (words.length > 3) return fail("usage: " + USAGE);
        return start(lab, words[1], words.length == 3 ? Path.of(words[2]) : null);
    }

    private boolean start(Lab lab, String port, Path path) {
        try {
            LiveStream.port(lab, port);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        String name = LiveStream.port(lab, port).name();
        if (streams.containsKey(name) && !streams.get(name).isEnded()) return fail(name + " is already streamed live to " + streams.get(name).target());
        Path target = path != null ? path : fifoDir.resolve(name.replace(':', '-') + ".fifo");
        try {
            if (path == null && !Files.exists(target)) makeFifo(target);
            boolean fifo = Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
            PendingFifo pending = fifo ? new PendingFifo(target) : null;
            OutputStream stream = pending != null ? pending : new FileOutputStream(target.toFile());
            LiveStream s = LiveStream.open(lab, name, stream, target.toString(),
                    (ended, reason) -> out.println("live stream of " + ended.portName() + " ended: " + reason + " (:live " + ended.portName() + " starts it again)"));
            streams.put(name, s);
            if (pending != null) fifos.put(name, pending);
            out.println("streaming " + name + " live to " + target + (fifo
                    ? "; open it in Wireshark: wireshark -k -i " + target + " (frames wait until it is opened)" : ""));
            return true;
        } catch (IOException e) {
            return fail("cannot stream " + name + " to " + target + ": " + e.getMessage());
        }
    }

    private static void makeFifo(Path fifo) throws IOException {
        Files.createDirectories(fifo.toAbsolutePath().getParent());
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("mkfifo failed" + (said.isEmpty() ? "" : ": " + said));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the FIFO");
        }
    }

    private void list() {
        if (streams.isEmpty()) {
            out.println("no live streams (start one: :live pc1:eth0)");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        streams.forEach((port, s) -> {
            PendingFifo f = fifos.get(port);
            String state = s.isEnded() ? "ended: " + s.endReason() : f != null && !f.isOpen() ? "waiting for a reader" : "streaming";
            rows.add(List.of(port, s.target(), Long.toString(s.frames()), state));
        });
        out.println(Tables.table(List.of("PORT", "TO", "FRAMES", "STATE"), rows));
    }

    private boolean fail(String message) {
        out.println("error: " + message);
        return false;
    }

    /**
     * After the lab was rebuilt from its file (:reset, or a replay from the start for :back): every
     * stream taps the same interface of next. Frames that repeat what a stream already carried are not
     * written again, so Wireshark's list stays one run; from the first frame that differs a new pcapng
     * section begins.
     */
    public void follow(Lab next) {
        for (LiveStream s : streams.values()) s.follow(next, false);
    }

    /** Like follow(next) for a replay of this session from the lab's start (:back): frames before a stream began stay out of it. */
    public void followReplay(Lab next) {
        for (LiveStream s : streams.values()) s.follow(next, true);
    }

    /** The live streams by port name, in the order started. */
    public Map<String, LiveStream> streams() { return java.util.Collections.unmodifiableMap(streams); }

    /** Writes what is held, ends every stream and closes its FIFO or file. */
    public void close() {
        for (LiveStream s : streams.values()) s.close();
        streams.clear();
        fifos.clear();
    }
}
