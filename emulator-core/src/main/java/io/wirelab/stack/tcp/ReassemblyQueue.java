package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.Seq;
import io.wirelab.wire.tcp.TcpOption.SackBlock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Out-of-order data waiting for the gap before it to fill (RFC 9293 §3.10.7.4 seventh: segments
 * "held for later processing"). Pieces never overlap: on insert only bytes not already held are kept.
 * Also produces SACK blocks in RFC 2018 §4 order (the block with the newest segment first, then the
 * most recently reported ones). Pieces and their merged ranges are kept by sequence number (as Linux's
 * out_of_order_queue rb-tree), so an insert or a SACK option costs a lookup, not a walk of the window.
 */
final class ReassemblyQueue {
    private static final int RECENT_ARRIVALS = 8;
    /** Sequence order; consistent because everything held lies within one receive window (< 2^31). */
    private static final Comparator<Integer> SEQ_ORDER = (x, y) -> Integer.compare(x - y, 0);

    private record Piece(int seq, byte[] data) {
        int end() { return seq + data.length; }
    }

    private final TreeMap<Integer, Piece> pieces = new TreeMap<>(SEQ_ORDER);
    private final TreeMap<Integer, Integer> ranges = new TreeMap<>(SEQ_ORDER);   // contiguous pieces merged: left -> right
    private int bytes;
    private final ArrayDeque<Integer> arrivals = new ArrayDeque<>();   // seqs of the latest inserts, newest first

    int bytes() { return bytes; }
    boolean isEmpty() { return pieces.isEmpty(); }

    /** Holds data [seq, seq+len) that lies after rcvNxt; returns how many new bytes were kept. */
    int insert(int rcvNxt, int seq, byte[] b, int off, int len) {
        int end = seq + len;
        int cursor = seq;
        List<Piece> add = new ArrayList<>(2);
        Map.Entry<Integer, Piece> below = pieces.floorEntry(seq);
        Integer from = below != null && Seq.gt(below.getValue().end(), seq) ? below.getKey() : pieces.ceilingKey(seq);
        if (from != null) {
            for (Piece p : pieces.tailMap(from, true).values()) {
                if (Seq.ge(p.seq(), end)) break;
                if (Seq.le(p.end(), cursor)) continue;
                if (Seq.gt(p.seq(), cursor)) add.add(slice(cursor, p.seq(), seq, b, off));
                cursor = Seq.max(cursor, p.end());
            }
        }
        if (Seq.lt(cursor, end)) add.add(slice(cursor, end, seq, b, off));
        int kept = 0;
        for (Piece p : add) { pieces.put(p.seq(), p); kept += p.data().length; }
        if (kept > 0) mergeRange(seq, end);
        bytes += kept;
        arrivals.remove(seq);
        arrivals.addFirst(seq);
        if (arrivals.size() > RECENT_ARRIVALS) arrivals.removeLast();
        return kept;
    }

    private static Piece slice(int from, int to, int seq, byte[] b, int off) {
        byte[] d = new byte[to - from];
        System.arraycopy(b, off + (from - seq), d, 0, d.length);
        return new Piece(from, d);
    }

    /** The ranges now also cover [left, right): every range touching it joins one. */
    private void mergeRange(int left, int right) {
        Map.Entry<Integer, Integer> lower = ranges.floorEntry(left);
        if (lower != null && Seq.ge(lower.getValue(), left)) {
            left = lower.getKey();
            right = Seq.max(right, lower.getValue());
            ranges.remove(lower.getKey());
        }
        for (Map.Entry<Integer, Integer> e = ranges.ceilingEntry(left); e != null && Seq.le(e.getKey(), right);
                e = ranges.ceilingEntry(left)) {
            right = Seq.max(right, e.getValue());
            ranges.remove(e.getKey());
        }
        ranges.put(left, right);
    }

    /** Moves data contiguous with rcvNxt into ring (space permitting); returns bytes moved. */
    int drainTo(int rcvNxt, ByteRing ring) {
        int moved = 0;
        int next = rcvNxt;
        while (!pieces.isEmpty()) {
            Piece p = pieces.firstEntry().getValue();
            if (Seq.gt(p.seq(), next)) break;
            pieces.pollFirstEntry();
            bytes -= p.data().length;
            int skip = Seq.diff(p.seq(), next);
            if (skip >= p.data().length) continue;
            int n = ring.write(p.data(), skip, p.data().length - skip);
            moved += n;
            next += n;
            if (n < p.data().length - skip) break;      // receive buffer full: the rest is dropped
        }
        dropRangesBelowFirstPiece();
        return moved;
    }

    /** Drained pieces leave the ranges; a range drained in part starts at the first piece still held. */
    private void dropRangesBelowFirstPiece() {
        Integer low = pieces.isEmpty() ? null : pieces.firstKey();
        while (!ranges.isEmpty()) {
            Map.Entry<Integer, Integer> r = ranges.firstEntry();
            if (low != null && Seq.ge(r.getKey(), low)) break;
            ranges.pollFirstEntry();
            if (low != null && Seq.gt(r.getValue(), low)) { ranges.put(low, r.getValue()); break; }
        }
    }

    /**
     * Up to max SACK blocks, RFC 2018 §4: first the block holding the segment that arrived last, then
     * the other blocks by how recently a segment arrived in them, then the rest in ascending order.
     */
    List<SackBlock> sackBlocks(int max) {
        List<SackBlock> blocks = new ArrayList<>(Math.max(0, max));
        for (int seq : arrivals) {
            if (blocks.size() >= max) return blocks;
            Map.Entry<Integer, Integer> r = ranges.floorEntry(seq);
            if (r == null || !Seq.lt(seq, r.getValue())) continue;
            SackBlock b = new SackBlock(r.getKey(), r.getValue());
            if (!blocks.contains(b)) blocks.add(b);
        }
        for (Map.Entry<Integer, Integer> r : ranges.entrySet()) {
            if (blocks.size() >= max) return blocks;
            SackBlock b = new SackBlock(r.getKey(), r.getValue());
            if (!blocks.contains(b)) blocks.add(b);
        }
        return blocks;
    }

    void clear() { pieces.clear(); ranges.clear(); bytes = 0; arrivals.clear(); }
}
