package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.Seq;
import io.wirelab.wire.tcp.TcpOption.SackBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * Out-of-order data waiting for the gap before it to fill (RFC 9293 §3.10.7.4 seventh: segments
 * "held for later processing"). Pieces never overlap: on insert only bytes not already held are kept.
 * Also produces SACK blocks in RFC 2018 §4 order (the block with the newest segment first).
 */
final class ReassemblyQueue {
    private record Piece(int seq, byte[] data) {
        int end() { return seq + data.length; }
    }

    private final List<Piece> pieces = new ArrayList<>();   // sorted by seq relative to rcvNxt
    private int bytes;
    private int lastSeq;
    private boolean hasLast;

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
        lastSeq = seq;
        hasLast = true;
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

    /** Up to max SACK blocks (RFC 2018 §4): the block holding the latest segment first, then ascending. */
    List<SackBlock> sackBlocks(int max) {
        List<SackBlock> blocks = new ArrayList<>();
        for (Piece p : pieces) {
            if (!blocks.isEmpty() && blocks.getLast().right() == p.seq())
                blocks.set(blocks.size() - 1, new SackBlock(blocks.getLast().left(), p.end()));
            else blocks.add(new SackBlock(p.seq(), p.end()));
        }
        if (hasLast) {
            for (int i = 0; i < blocks.size(); i++) {
                SackBlock s = blocks.get(i);
                if (Seq.le(s.left(), lastSeq) && Seq.lt(lastSeq, s.right())) {
                    blocks.remove(i);
                    blocks.addFirst(s);
                    break;
                }
            }
        }
        return blocks.size() > max ? new ArrayList<>(blocks.subList(0, max)) : blocks;
    }

    void clear() { pieces.clear(); bytes = 0; hasLast = false; }
}
