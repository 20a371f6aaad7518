package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.Seq;
import io.wirelab.wire.tcp.TcpOption.SackBlock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Out-of-order data waiting for the gap before it to fill (RFC 9293 §3.10.7.4 seventh: segments
 * "held for later processing"). Pieces never overlap: on insert only bytes not already held are kept.
 * Also produces SACK blocks in RFC 2018 §4 order (the block with the newest segment first, then the
 * most recently reported ones).
 */
final class ReassemblyQueue {
    private static final int RECENT_ARRIVALS = 8;
    private record Piece(int seq, byte[] data) {
        int end() { return seq + data.length; }
    }

    private final List<Piece> pieces = new ArrayList<>();   // sorted by seq relative to rcvNxt
    private int bytes;
    private final ArrayDeque<Integer> arrivals = new ArrayDeque<>();   // seqs of the latest inserts, newest first

    int bytes() { return bytes; }
    boolean isEmpty() { return pieces.isEmpty(); }

    /** Holds data [seq, seq+len) that lies after rcvNxt; returns how many new bytes were kept. */
    int insert(int rcvNxt, int seq, byte[] b, int off, int len) {
        int a = Seq.diff(rcvNxt, seq);
        int end = a + len;
        int cursor = a;
        List<Piece> add = new ArrayList<>(2);
        for (Piece p : pieces) {
            int c = Seq.diff(rcvNxt, p.seq());
            int d = c + p.data().length;
            if (d <= cursor || c >= end) continue;
            if (c > cursor) add.add(slice(rcvNxt, cursor, c, a, b, off));
            cursor = Math.max(cursor, d);
        }
        if (cursor < end) add.add(slice(rcvNxt, cursor, end, a, b, off));
        int kept = 0;
        for (Piece p : add) { pieces.add(p); kept += p.data().length; }
        pieces.sort((x, y) -> Integer.compare(Seq.diff(rcvNxt, x.seq()), Seq.diff(rcvNxt, y.seq())));
        bytes += kept;
        arrivals.remove(seq);
        arrivals.addFirst(seq);
        if (arrivals.size() > RECENT_ARRIVALS) arrivals.removeLast();
        return kept;
    }

    private static Piece slice(int rcvNxt, int from, int to, int a, byte[] b, int off) {
        byte[] d = new byte[to - from];
        System.arraycopy(b, off + (from - a), d, 0, d.length);
        return new Piece(rcvNxt + from, d);
    }

    /** Moves data contiguous with rcvNxt into ring (space permitting); returns bytes moved. */
    int drainTo(int rcvNxt, ByteRing ring) {
        int moved = 0;
        int next = rcvNxt;
        while (!pieces.isEmpty()) {
            Piece p = pieces.getFirst();
            if (Seq.gt(p.seq(), next)) break;
            pieces.removeFirst();
            bytes -= p.data().length;
            int skip = Seq.diff(p.seq(), next);
            if (skip >= p.data().length) continue;
            int n = ring.write(p.data(), skip, p.data().length - skip);
            moved += n;
            next += n;
            if (n < p.data().length - skip) break;      // receive buffer full: the rest is dropped
        }
        return moved;
    }

    /**
     * Up to max SACK blocks, RFC 2018 §4: first the block holding the segment that arrived last, then
     * the other blocks by how recently a segment arrived in them, then the rest in ascending order.
     */
    List<SackBlock> sackBlocks(int max) {
        List<SackBlock> ascending = new ArrayList<>();
        for (Piece p : pieces) {
            if (!ascending.isEmpty() && ascending.getLast().right() == p.seq())
                ascending.set(ascending.size() - 1, new SackBlock(ascending.getLast().left(), p.end()));
            else ascending.add(new SackBlock(p.seq(), p.end()));
        }
        List<SackBlock> blocks = new ArrayList<>(ascending.size());
        for (int seq : arrivals)
            for (SackBlock b : ascending)
                if (Seq.le(b.left(), seq) && Seq.lt(seq, b.right()) && !blocks.contains(b)) blocks.add(b);
        for (SackBlock b : ascending) if (!blocks.contains(b)) blocks.add(b);
        return blocks.size() > max ? new ArrayList<>(blocks.subList(0, max)) : blocks;
    }

    void clear() { pieces.clear(); bytes = 0; arrivals.clear(); }
}
