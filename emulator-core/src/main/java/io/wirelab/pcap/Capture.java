package io.wirelab.pcap;

import io.wirelab.buffer.Frame;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Port;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Records every frame seen at one or more ports into a pcapng (one interface per port, named like
 * "pc1:eth0") or a classic pcap (one port only) stream, as the simulation runs. A capture on a port
 * looks like tcpdump on that interface: outbound frames stamped when they start onto the wire,
 * inbound frames when they have arrived (see FrameTap). A file is written through a CaptureStream:
 * whole blocks assembled in a reused buffer, written 256 KiB (behind the simulation) or 100 ms at a
 * time (frame by frame in a real-time lab); flush() and close() return once every block recorded is
 * in the file, so it stays valid if the lab fails midway. A write that failed is thrown, not skipped.
 * A stream capture (stdout, a FIFO for Wireshark) gets every frame at once.
 */
public final class Capture implements Closeable {
    public enum Format {
        PCAPNG(".pcapng"), PCAP(".pcap");
        private final String extension;
        Format(String extension) { this.extension = extension; }
        public String extension() { return extension; }
    }

    /** Optional per-frame comment (pcapng opt_comment); return null for none. */
    @FunctionalInterface
    public interface Commenter {
        String comment(Port port, FrameTap.Direction direction, Frame frame, long now);
    }

    /** The file name of a single-port capture: "pc1:eth0" becomes "pc1-eth0.pcapng". */
    public static String fileName(Port port, Format format) { return port.name().replace(':', '-') + format.extension(); }

    public static final String COMBINED_FILE = "all.pcapng";

    private final Format format;
    private final int snaplen;
    private final Path file;
    private final PcapngWriter pcapng;
    private final PcapWriter pcap;
    private final CaptureStream stream;
    private final SequencedMap<Port, Integer> interfaceIds = new LinkedHashMap<>();
    private final List<FrameTap> taps = new ArrayList<>();
    private static final Commenter NO_COMMENTS = (port, direction, frame, now) -> null;
    private Commenter commenter = NO_COMMENTS;
    private long frames;
    private boolean closed;

    private Capture(CaptureStream stream, Format format, int snaplen, Path file, String sectionComment) throws IOException {
        this.stream = stream;
        this.format = format;
        this.snaplen = snaplen;
        this.file = file;
        this.pcapng = format == Format.PCAPNG ? new PcapngWriter(stream, sectionComment) : null;
        this.pcap = format == Format.PCAP ? new PcapWriter(stream, snaplen) : null;
        stream.flushNow();                                      // the file header is on disk from the start
    }

    /** A capture onto any stream (a file, stdout, a FIFO for `wireshark -k -i -`). sectionComment may be null. */
    public static Capture toStream(OutputStream out, Format format, int snaplen, String sectionComment) throws IOException {
        return new Capture(CaptureStream.unbuffered(out), format, snaplen, null, sectionComment);
    }

    /** A capture into a new file (replacing an old one); the parent directories are created. */
    public static Capture toFile(Path file, Format format, int snaplen, String sectionComment) throws IOException {
        return toFile(file, format, snaplen, sectionComment, new CaptureFiles(1));
    }

    /** A capture into a file of files, which bounds how many are open at once (a lab's captures). */
    public static Capture toFile(Path file, Format format, int snaplen, String sectionComment, CaptureFiles files) throws IOException {
        return new Capture(CaptureStream.buffered(files.create(file), files), format, snaplen, file, sectionComment);
    }

    /** outDir/"node-iface.pcapng" recording one port, its file one of files. */
    public static Capture ofPort(Path outDir, Port port, String sectionComment, CaptureFiles files) throws IOException {
        return toFile(outDir.resolve(fileName(port, Format.PCAPNG)), Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, sectionComment, files)
                .tap(port);
    }

    /** outDir/"node-iface.pcapng" recording one port. */
    public static Capture ofPort(Path outDir, Port port, String sectionComment) throws IOException {
        return toFile(outDir.resolve(fileName(port, Format.PCAPNG)), Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, sectionComment)
                .tap(port);
    }

    /** outDir/"all.pcapng": every port in one file, one interface each, in the order given. */
    public static Capture combined(Path outDir, List<Port> ports, String sectionComment) throws IOException {
        Capture c = toFile(outDir.resolve(COMBINED_FILE), Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, sectionComment);
        for (Port p : ports) c.tap(p);
        return c;
    }

    /** Starts recording a port. A classic pcap holds one port only; a port is tapped once. */
    public Capture tap(Port port) throws IOException {
        if (closed) throw new IllegalStateException("capture is closed");
        if (interfaceIds.containsKey(port)) throw new IllegalArgumentException(port + " is already captured");
        if (format == Format.PCAP && !interfaceIds.isEmpty())
            throw new IllegalArgumentException("a classic pcap file holds one interface; use pcapng for " + port);
        announceStarted();
        int id = pcapng != null ? pcapng.addInterface(port.name(), snaplen) : 0;
        stream.flushNow();                                      // and each interface's description
        interfaceIds.put(port, id);
        FrameTap tap = new FrameTap() {
            @Override public void onFrame(Port p, Direction direction, Frame frame, long now) { record(id, p, direction, frame, now); }
            @Override public boolean keepsFrames() { return false; }      // record copies the bytes into the block
            @Override public boolean takesStartsLate() { return Capture.this.takesStartsLate(); }
        };
        taps.add(tap);
        port.addTap(tap);
        if (interfaceIds.size() == 2) interfaceIds.firstEntry().getKey().tapsChanged();
        return this;
    }

    /** A file of one port, without comments: its blocks are the same if it is told of queued frames' starts late (FrameTap). */
    private boolean takesStartsLate() { return file != null && interfaceIds.size() == 1 && commenter == NO_COMMENTS; }

    /** The queued frames that started by now are recorded before anything else is written. */
    private void announceStarted() {
        for (Port p : interfaceIds.keySet()) p.announceStarted();
    }

    public void setCommenter(Commenter commenter) {
        announceStarted();
        this.commenter = commenter == null ? NO_COMMENTS : commenter;
        for (Port p : interfaceIds.keySet()) p.tapsChanged();
    }

    /** Adds a TLS key log (NSS format) so Wireshark decrypts without a key file. pcapng only. */
    public void writeDecryptionSecrets(String nssKeyLog) throws IOException {
        if (pcapng == null) throw new IllegalStateException("decryption secrets need pcapng");
        if (closed) return;
        announceStarted();
        pcapng.writeDecryptionSecrets(nssKeyLog);
    }

    public Format format() { return format; }
    /** The file written, or null for a stream capture. */
    public Path file() { return file; }
    public List<Port> ports() { return List.copyOf(interfaceIds.keySet()); }
    public long frames() { return frames; }
    public boolean isClosed() { return closed; }
    /** Writes of this capture's file that failed; each failure is also thrown (by the frame's event, flush() or close()). */
    public int failedWrites() { return stream.failedWrites(); }

    private void record(int id, Port port, FrameTap.Direction direction, Frame frame, long now) {
        if (closed) return;
        stream.setImmediate(port.simulator().isRealTime());
        try {
            if (pcapng != null) pcapng.writePacket(id, now, frame.bytes(), 0, frame.length(), commenter.comment(port, direction, frame, now),
                    frame.fcsError() ? PcapngWriter.FLAGS_INBOUND_CRC_ERROR : 0);
            else pcap.writePacket(now, frame.bytes(), 0, frame.length());
            frames++;
        } catch (IOException e) {
            throw new UncheckedIOException("capture " + (file != null ? file : "stream") + ": " + e.getMessage(), e);
        }
    }

    /** Writes out the frames recorded so far, so the file on disk holds all of them. */
    public void flush() throws IOException {
        if (closed) return;
        announceStarted();
        stream.flushNow();
    }

    /** Stops recording (the taps are removed) and closes the stream. Idempotent. */
    @Override public void close() throws IOException {
        if (closed) return;
        announceStarted();
        closed = true;
        int i = 0;
        for (Port p : interfaceIds.keySet()) p.removeTap(taps.get(i++));
        if (pcapng != null) pcapng.close();
        else pcap.close();
    }
}
