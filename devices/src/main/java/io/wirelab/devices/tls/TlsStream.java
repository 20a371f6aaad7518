package io.wirelab.devices.tls;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.stream.ReadScratch;
import io.wirelab.devices.stream.StreamCloseReason;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bouncycastle.tls.TlsProtocol;

/**
 * TLS over another ByteStream with BouncyCastle's non-blocking protocol objects: ciphertext moves
 * with offerInput / readOutput, plaintext with writeApplicationData / readInput.
 */
public final class TlsStream implements ByteStream {
    private final ByteStream raw;
    private final TlsProtocol protocol;
    private final CompletableFuture<TlsStream> handshake = new CompletableFuture<>();
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private int pendingOffset;
    private boolean handshakeDone;
    private boolean rawEof;
    private boolean failed;
    private boolean shutdownAfterFlush;
    private boolean closeAfterFlush;
    private boolean refused;
    private Runnable onReadable = () -> { };
    private Runnable onWritable = () -> { };
    private Consumer<StreamCloseReason> onClosed = r -> { };
    private Throwable failure;

    TlsStream(ByteStream raw, TlsProtocol protocol) {
        this.raw = raw;
        this.protocol = protocol;
    }

    /** Starts reading; begin is the protocol's connect/accept, run before the first pump. */
    void start(IoAction begin) {
        raw.onReadable(this::onRawReadable);
        raw.onWritable(this::flushRaw);
        raw.onClosed(r -> onClosed.accept(r));
        try {
            begin.run();
        } catch (IOException e) {
            fail(e);
        }
        pumpOutput();
        onRawReadable();
    }

    @FunctionalInterface
    interface IoAction { void run() throws IOException; }

    /** Completes when the handshake finishes, exceptionally when it fails. */
    public CompletableFuture<TlsStream> handshake() { return handshake; }

    void handshakeCompleted() { handshakeDone = true; }

    public TlsProtocol protocol() { return protocol; }

    private void onRawReadable() {
        byte[] rawBuf = ReadScratch.get();                                           // offerInput copies it
        while (true) {
            int n = raw.read(rawBuf, 0, rawBuf.length);
            if (n < 0) { rawEof = true; break; }
            if (n == 0) break;
            if (failed || protocol.isClosed()) continue;                             // nothing more to decrypt
            try {
                protocol.offerInput(rawBuf, 0, n);
            } catch (IOException e) {
                fail(e);
            }
            pumpOutput();
        }
        if (handshakeDone && !handshake.isDone()) handshake.complete(this);
        if (rawEof && !handshake.isDone()) fail(new IOException("connection closed during the TLS handshake"));
        if (protocol.applicationDataAvailable() > 0 || rawEof || protocol.isClosed() || failed) onReadable.run();
    }

    private void fail(Throwable e) {
        if (failed) return;
        failed = true;
        failure = e;
        pumpOutput();                                                                  // the fatal alert, if any
        if (!handshake.isDone()) handshake.completeExceptionally(e);
        closeAfterFlush = true;
        flushRaw();
    }

    public Throwable failure() { return failure; }

    private void pumpOutput() {
        int n;
        while ((n = protocol.getAvailableOutputBytes()) > 0) {
            byte[] b = new byte[n];
            protocol.readOutput(b, 0, n);
            pending.add(b);
        }
        flushRaw();
    }

    private void flushRaw() {
        while (!pending.isEmpty()) {
            byte[] head = pending.peek();
            int n = raw.write(head, pendingOffset, head.length - pendingOffset);
            if (n <= 0) return;
            pendingOffset += n;
            if (pendingOffset == head.length) { pending.poll(); pendingOffset = 0; }
        }
        if (closeAfterFlush) { closeAfterFlush = false; shutdownAfterFlush = false; raw.close(); return; }
        if (shutdownAfterFlush) { shutdownAfterFlush = false; raw.shutdownOutput(); return; }
        if (refused && handshakeDone && !failed && !protocol.isClosed()) { refused = false; onWritable.run(); }
    }

    @Override public int write(byte[] b, int off, int len) {
        if (len <= 0) return 0;
        if (failed || !handshakeDone || protocol.isClosed()) { refused = true; return 0; }
        try {
            protocol.writeApplicationData(b, off, len);
        } catch (IOException e) {
            fail(e);
            return 0;
        }
        pumpOutput();
        return len;
    }

    @Override public int writableBytes() { return failed || !handshakeDone || protocol.isClosed() ? 0 : Math.max(0, raw.writableBytes()); }
    @Override public void onWritable(Runnable r) { onWritable = r; }

    @Override public int read(byte[] b, int off, int len) {
        int avail = protocol.applicationDataAvailable();
        if (avail > 0) return protocol.readInput(b, off, Math.min(len, avail));
        return rawEof || protocol.isClosed() || failed ? -1 : 0;
    }

    @Override public int readableBytes() { return protocol.applicationDataAvailable(); }
    @Override public void onReadable(Runnable r) { onReadable = r; }

    /** Sends close_notify (RFC 8446 §6.1), then the TCP FIN. */
    @Override public void shutdownOutput() {
        if (!sendCloseNotify()) return;
        shutdownAfterFlush = true;
        pumpOutput();
    }

    @Override public void close() {
        if (!sendCloseNotify()) return;
        closeAfterFlush = true;
        pumpOutput();
    }

    /** Queues close_notify once; false if the TLS layer failed doing so. */
    private boolean sendCloseNotify() {
        if (protocol.isClosed() || failed) return true;
        try {
            protocol.close();
            return true;
        } catch (IOException e) {
            fail(e);
            return false;
        }
    }

    @Override public void abort() { raw.abort(); }
    @Override public void onClosed(Consumer<StreamCloseReason> r) { onClosed = r; }
    @Override public boolean isOpen() { return raw.isOpen() && !failed; }
    @Override public String localEndpoint() { return raw.localEndpoint(); }
    @Override public String remoteEndpoint() { return raw.remoteEndpoint(); }
}
