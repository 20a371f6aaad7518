package io.wirelab.devices.proxy;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.stream.StreamCloseReason;
import java.util.ArrayDeque;

/**
 * Blind byte relay between two streams (a CONNECT tunnel, RFC 9110 §9.3.6, or a dumb proxy): what
 * one side sends the other gets, in order, held back while the other side's send buffer is full. A
 * FIN is passed on as a half close once the bytes before it are written; when both directions have
 * ended, or either side is reset, both streams close (a reset is passed on as a reset).
 */
final class Relay {
    private final ByteStream a;
    private final ByteStream b;
    private final Direction ab;
    private final Direction ba;
    private final Runnable onEofFromA;
    private boolean ended;

    private Relay(ByteStream a, ByteStream b, java.util.function.LongConsumer ignored, Runnable onEofFromA) {
        this.a = a;
        this.b = b;
        this.onEofFromA = onEofFromA;
        this.ab = new Direction(a, b, null);
        this.ba = new Direction(b, a, ignored);
    }

    /**
     * Starts relaying; prefixToA / prefixToB are written first (null: none). With ignoreFromB
     * non-null, bytes from b are read and thrown away, counted there (the dumb proxy's deaf client
     * side). onEofFromA runs when a's FIN arrives.
     */
    static Relay start(ByteStream a, ByteStream b, byte[] prefixToA, byte[] prefixToB, java.util.function.LongConsumer ignoreFromB,
                       Runnable onEofFromA) {
        Relay r = new Relay(a, b, ignoreFromB, onEofFromA);
        if (prefixToA != null) r.ba.queue.add(prefixToA);
        if (prefixToB != null) r.ab.queue.add(prefixToB);
        a.onReadable(r.ab::pump);
        b.onWritable(r.ab::pump);
        b.onReadable(r.ba::pump);
        a.onWritable(r.ba::pump);
        a.onClosed(why -> r.onClosed(a, why));
        b.onClosed(why -> r.onClosed(b, why));
        r.ab.pump();
        r.ba.pump();
        return r;
    }

    private void onClosed(ByteStream which, StreamCloseReason why) {
        if (ended) return;
        if (why == StreamCloseReason.NORMAL) return;                                   // FINs are handled by the directions
        end(which == a ? b : a, true);
    }

    private void maybeEnd() {
        if (ab.done && ba.done) end(null, false);
    }

    private void end(ByteStream other, boolean reset) {
        if (ended) return;
        ended = true;
        if (reset) {
            if (other.isOpen()) other.abort();
        } else {
            if (a.isOpen()) a.close();
            if (b.isOpen()) b.close();
        }
    }

    /** One way of the relay. */
    private final class Direction {
        private final ByteStream from;
        private final ByteStream to;
        private final java.util.function.LongConsumer discard;
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        private final byte[] buf = new byte[16384];
        private int offset;
        private boolean eof;
        private boolean done;

        Direction(ByteStream from, ByteStream to, java.util.function.LongConsumer discard) {
            this.from = from;
            this.to = to;
            this.discard = discard;
        }

        void pump() {
            if (ended || done) return;
            if (!drain()) return;
            while (!eof) {
                int n = from.read(buf, 0, buf.length);
                if (n == 0) return;
                if (n < 0) {
                    eof = true;
                    if (this == ab) onEofFromA.run();
                    break;
                }
                if (discard != null) { discard.accept(n); continue; }
                queue.add(java.util.Arrays.copyOf(buf, n));
                if (!drain()) return;
            }
            if (eof && queue.isEmpty()) {
                done = true;
                if (to.isOpen()) to.shutdownOutput();
                maybeEnd();
            }
        }

        /** Writes what is queued; false while the receiving side's buffer is full. */
        private boolean drain() {
            while (!queue.isEmpty()) {
                byte[] head = queue.peek();
                int n = to.write(head, offset, head.length - offset);
                if (n <= 0) return false;
                offset += n;
                if (offset == head.length) { queue.poll(); offset = 0; }
            }
            return true;
        }
    }
}
