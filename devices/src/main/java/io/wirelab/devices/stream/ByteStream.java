package io.wirelab.devices.stream;

import java.util.function.Consumer;

/**
 * A non-blocking, ordered byte stream: what HTTP and TLS need from TCP. Implemented over
 * io.wirelab.stack.tcp.TcpSocket, over an in-memory pipe, and by TLS over another stream.
 * Callbacks run on the simulator thread; each on... call replaces the previous handler.
 */
public interface ByteStream {
    /** Copies what fits in the send buffer; returns the count (0 when full or after shutdownOutput). */
    int write(byte[] b, int off, int len);

    int writableBytes();

    void onWritable(Runnable r);

    /** >0 bytes, 0 nothing yet, -1 end of stream (peer FIN, drained) or reset. */
    int read(byte[] b, int off, int len);

    int readableBytes();

    /** Runs on new data and on end of stream. */
    void onReadable(Runnable r);

    /** Half close: sends FIN after the queued bytes; reading continues. */
    void shutdownOutput();

    /** Full close. TCP semantics: unread received data turns it into a reset (RFC 9293 §3.10.4 / RFC 2525 §2.17). */
    void close();

    /** Abortive close: a reset; queued unsent bytes are discarded. */
    void abort();

    void onClosed(Consumer<StreamCloseReason> r);

    boolean isOpen();

    /** "10.0.0.2:49152" style, for logs. */
    String localEndpoint();

    String remoteEndpoint();
}
