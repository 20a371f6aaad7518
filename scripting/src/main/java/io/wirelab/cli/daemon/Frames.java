package io.wirelab.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * The daemon's wire protocol over its Unix domain socket: frames of one type byte, a 4-byte big-endian
 * length and that many bytes. The client sends {@link #REQUEST}, then {@link #INTERRUPT} for each Ctrl-C
 * (closing the connection in the middle of a command ends the daemon); the daemon answers {@link #RUNNING},
 * {@link #NOT_HERE} or {@link #BUSY} first, then the command's {@link #STDOUT} and {@link #STDERR}
 * writes in the order it made them, then {@link #EXIT}. {@link #STATUS} and {@link #STOP} are asked
 * instead of a request and answered with one {@link #TEXT}.
 */
public final class Frames {
    /** Changes whenever a frame's meaning does (the daemon's key covers the jars as well). */
    public static final int PROTOCOL = 1;

    public static final byte REQUEST = 'Q';
    public static final byte INTERRUPT = 'I';
    public static final byte STATUS = 'S';
    public static final byte STOP = 'X';
    public static final byte RUNNING = 'R';
    public static final byte NOT_HERE = 'N';
    public static final byte BUSY = 'B';
    public static final byte STDOUT = 'O';
    public static final byte STDERR = 'E';
    public static final byte EXIT = 'C';
    public static final byte TEXT = 'Z';

    /** A frame larger than this is refused as garbage. */
    static final int MAX_LENGTH = 1 << 24;
    /** The most output one frame carries (a larger write is cut into several: the client's heap is small). */
    static final int CHUNK = 1 << 16;

    private Frames() {}

    public record Frame(byte type, byte[] payload) {
        public int intValue() throws IOException {
            if (payload.length != 4) throw new IOException("frame " + (char) type + ": 4 bytes expected, got " + payload.length);
            return ByteBuffer.wrap(payload).getInt();
        }

        public String text() { return new String(payload, java.nio.charset.StandardCharsets.UTF_8); }
    }

    /** Reads frames; one reader per connection. */
    public static final class Reader {
        private final DataInputStream in;

        public Reader(InputStream in) { this.in = new DataInputStream(in); }

        /** The next frame, or null at the end of the stream between frames. */
        public Frame read() throws IOException {
            int type = in.read();
            if (type < 0) return null;
            int length = in.readInt();
            if (length < 0 || length > MAX_LENGTH) throw new IOException("frame " + (char) type + " of " + length + " bytes");
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new Frame((byte) type, payload);
        }
    }

    /** Writes whole frames, one write each, from any thread; after {@link #close()} writes are dropped. */
    public static final class Writer {
        private final OutputStream out;
        private boolean closed;
        private IOException failure;

        public Writer(OutputStream out) { this.out = out; }

        public synchronized void write(byte type, byte[] payload, int offset, int length) throws IOException {
            if (failure != null) throw failure;
            if (closed) return;
            byte[] frame = new byte[5 + length];
            ByteBuffer.wrap(frame).put(type).putInt(length).put(payload, offset, length);
            try {
                out.write(frame);
                out.flush();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        public void write(byte type) throws IOException { write(type, new byte[0], 0, 0); }

        public void write(byte type, byte[] payload) throws IOException { write(type, payload, 0, payload.length); }

        public void writeInt(byte type, int value) throws IOException { write(type, ByteBuffer.allocate(4).putInt(value).array()); }

        public void writeText(byte type, String text) throws IOException { write(type, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }

        /** Writes a last frame and drops every later one: true if this call wrote it (the first to end the exchange). */
        public synchronized boolean last(byte type, byte[] payload) {
            if (closed) return false;
            try {
                write(type, payload);
            } catch (IOException e) {
                // the peer is gone: nothing more to tell it
            }
            closed = true;
            return true;
        }

        public synchronized void close() { closed = true; }

        /** An output stream whose every write is one frame of the given type (STDOUT or STDERR), or several of {@link #CHUNK} bytes. */
        public OutputStream stream(byte type) {
            return new OutputStream() {
                @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

                @Override public void write(byte[] b, int off, int len) throws IOException {
                    for (int at = off, end = off + len; at < end; at += CHUNK) Writer.this.write(type, b, at, Math.min(CHUNK, end - at));
                }
            };
        }
    }

    /** A stream over a blocking channel that another thread may write to meanwhile (Channels.newInputStream locks both ways). */
    public static InputStream in(ByteChannel channel) {
        return new InputStream() {
            @Override public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    public static OutputStream out(ByteChannel channel) {
        return new OutputStream() {
            @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

            @Override public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) channel.write(buffer);
            }
        };
    }

    /** Strings as a 4-byte length and UTF-8, null as length -1. */
    static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) return null;
        if (n < 0 || n > MAX_LENGTH) throw new IOException("string of " + n + " bytes");
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] bytes(IoWriter w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        w.write(out);
        out.flush();
        return b.toByteArray();
    }

    interface IoWriter { void write(DataOutputStream out) throws IOException; }

    static void requireEnd(DataInputStream in) throws IOException {
        if (in.read() >= 0) throw new IOException("trailing bytes in a frame");
    }
}
