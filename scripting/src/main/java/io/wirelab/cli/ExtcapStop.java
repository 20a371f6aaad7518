package io.wirelab.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jline.utils.Signals;

/**
 * How Wireshark ends an extcap capture: SIGTERM on Unix (and SIGINT when tshark runs in a terminal),
 * or, where there is no SIGTERM (Windows), closing the control pipe it passed as --extcap-control-in.
 * Either one stops the lab at its next event, so the capture's last block is whole and the extcap
 * exits 0. The control messages themselves are read and ignored: wirelab declares no toolbar
 * controls. The --extcap-control-out pipe is opened (Wireshark waits for that) and nothing is sent.
 */
final class ExtcapStop implements AutoCloseable {
    private final Map<String, Object> previousHandlers = new LinkedHashMap<>();
    private volatile Runnable action;
    private volatile boolean stopped;
    private volatile OutputStream controlOut;

    /** signals: whether to take over SIGTERM and SIGINT (only in the real process, not in tests run in-process). */
    ExtcapStop(boolean signals, Path controlIn, Path controlOut) {
        if (signals) for (String name : new String[] {"TERM", "INT"}) previousHandlers.put(name, Signals.register(name, this::stop));
        if (controlIn != null) Thread.ofPlatform().daemon().name("wirelab-extcap-control-in").start(() -> readUntilClosed(controlIn));
        if (controlOut != null) Thread.ofPlatform().daemon().name("wirelab-extcap-control-out").start(() -> open(controlOut));
    }

    /**
     * Opens the capture FIFO (waiting for Wireshark to open its end); from then on a stop runs stopLab,
     * which stops the lab's next run before its first event if none runs yet. A stop before the FIFO
     * is open exits at once: nothing has been written.
     */
    OutputStream open(Path fifo, Runnable stopLab) throws IOException {
        OutputStream out = new FileOutputStream(fifo.toFile());
        action = stopLab;
        if (stopped) stopLab.run();
        return out;
    }

    boolean stopped() { return stopped; }

    private void stop() {
        if (stopped) return;
        stopped = true;
        Runnable a = action;
        if (a != null) a.run();
        else System.exit(Main.OK);
    }

    private void readUntilClosed(Path pipe) {
        try (InputStream in = Files.newInputStream(pipe)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return;   // not a pipe Wireshark holds open: only signals stop the capture
        }
        stop();
    }

    private void open(Path pipe) {
        try {
            controlOut = Files.newOutputStream(pipe);
        } catch (IOException e) {
            // Wireshark did not open its end: it expects nothing from this extcap
        }
    }

    @Override public void close() {
        previousHandlers.forEach(Signals::unregister);
        OutputStream out = controlOut;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // Wireshark has gone: nothing to tell it
            }
        }
    }
}
