package io.wirelab.pcap;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads classic pcap (micro- and nanosecond magic, either byte order) and pcapng (SHB, IDB, EPB,
 * SPB, the obsolete PB and DSB; other blocks are skipped) as a stream: it holds one block at a time
 * (at most MAX_BLOCK bytes), so a capture of any size reads in bounded memory. Never throws on
 * hostile bytes: reading stops with a Problem and the offset of the block it could not read.
 */
public final class PcapReader implements Closeable {
    public enum Problem {
        NONE("none"),
        EMPTY("the file is empty"),
        BAD_MAGIC("no pcap or pcapng magic number (or a section header with a bad byte-order magic)"),
        TRUNCATED("the file ends inside a block: the capture was cut short"),
        BAD_BLOCK_LENGTH("a block's length field is inconsistent: the capture is damaged"),
        UNKNOWN_INTERFACE("a packet names an interface the file never declared: the capture is damaged"),
        BAD_CAPTURE_LENGTH("a packet's captured length does not fit its block: the capture is damaged"),
        BLOCK_TOO_LARGE("a block is larger than " + (MAX_BLOCK >> 20) + " MiB: the capture is damaged");

        private final String text;
        Problem(String text) { this.text = text; }

        /** What the problem means to a user, e.g. "the file ends inside a block: the capture was cut short". */
        public String describe() { return text; }
    }

    /** The largest block (pcapng) or record (pcap) read; larger ones are damage (Wireshark's limit is 16 MiB too). */
    public static final int MAX_BLOCK = 16 << 20;

    private static final int SIMPLE_PACKET = 3;
    private static final int OBSOLETE_PACKET = 2;
    private static final int IF_TSOFFSET = 14;

    private final InputStream in;
    private PcapFile.Format format = PcapFile.Format.UNKNOWN;
    private byte[] b = new byte[256];         // the current block, from offset 0
    private long blockStart;                  // the file offset of b[0]
    private long position;                    // bytes consumed from the stream
    private boolean little = true;
    private boolean nanos;
    private boolean started;
    private int carried;                      // bytes of the first block that start() already read (the magic)
    private Problem problem;                  // null while reading goes on
    private final List<PcapInterface> interfaces = new ArrayList<>();
    private final List<DecryptionSecrets> secrets = new ArrayList<>();
    /** Per interface of the current section: tsresol as (binary?, exponent) and tsoffset seconds. */
    private final List<long[]> clocks = new ArrayList<>();
    private int sectionFirstInterface;
    private PcapRecord pending;

    private PcapReader(InputStream in) { this.in = in; }

    /** A reader over a stream, which it closes when closed. */
    public static PcapReader open(InputStream in) { return new PcapReader(in); }

    /** A streaming reader over a file. */
    public static PcapReader open(Path file) throws IOException {
        return new PcapReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** Reads a whole file into memory (every record). For big files, open() and next() instead. */
    public static PcapFile read(Path file) throws IOException {
        try (PcapReader r = open(file)) { return r.readAll(); }
    }

    public static PcapFile read(byte[] bytes) {
        try (PcapReader r = open(new ByteArrayInputStream(bytes))) {
            return r.readAll();
        } catch (IOException e) {
            throw new IllegalStateException("reading memory cannot fail", e);
        }
    }

    private PcapFile readAll() throws IOException {
        List<PcapRecord> records = new ArrayList<>();
        for (PcapRecord r = next(); r != null; r = next()) records.add(r);
        return new PcapFile(format, List.copyOf(interfaces), List.copyOf(records), List.copyOf(secrets), problem, problemOffset());
    }

    /** The next record, or null at the end of the file or at the first problem (see problem()). */
    public PcapRecord next() throws IOException {
        if (!started) { started = true; start(); }
        while (problem == null && pending == null) {
            if (format == PcapFile.Format.PCAP) pcapRecord();
            else pcapngBlock();
        }
        PcapRecord r = pending;
        pending = null;
        return r;
    }

    /** Known once the first next() returned: PCAP, PCAPNG, or UNKNOWN when the magic was not recognised. */
    public PcapFile.Format format() { return format; }
    /** NONE after a complete read, null while reading goes on, else why reading stopped. */
    public Problem problem() { return problem; }
    /** The file offset of the block where reading stopped (the file length when complete). */
    public long problemOffset() { return problem == Problem.NONE ? position : blockStart; }
    public List<PcapInterface> interfaces() { return List.copyOf(interfaces); }
    public List<DecryptionSecrets> secrets() { return List.copyOf(secrets); }
    /** Bytes of the block buffer: the reader's memory, bounded by the largest block read. */
    public int blockBufferBytes() { return b.length; }

    @Override public void close() throws IOException { in.close(); }

    private void start() throws IOException {
        int n = fill(0, 4);
        if (n == 0) { stop(Problem.EMPTY); return; }
        if (n < 4) { stop(Problem.TRUNCATED); return; }
        int magicLe = le32(0);
        int magicBe = Integer.reverseBytes(magicLe);
        if (magicLe == PcapngWriter.SECTION_HEADER) {
            format = PcapFile.Format.PCAPNG;
            carried = 4;
        } else if (magicLe == PcapWriter.MAGIC_NANOS || magicLe == PcapWriter.MAGIC_MICROS
                || magicBe == PcapWriter.MAGIC_NANOS || magicBe == PcapWriter.MAGIC_MICROS) {
            format = PcapFile.Format.PCAP;
            little = magicLe == PcapWriter.MAGIC_NANOS || magicLe == PcapWriter.MAGIC_MICROS;
            nanos = (little ? magicLe : magicBe) == PcapWriter.MAGIC_NANOS;
            if (fill(4, 20) < 20) { stop(Problem.TRUNCATED); return; }
            long snaplen = u32(16);
            int linkType = (int) (u32(20) & 0x0fff_ffff);   // upper bits carry FCS info
            interfaces.add(new PcapInterface(null, linkType, (int) Math.min(snaplen, Integer.MAX_VALUE), nanos ? "10^-9" : "10^-6"));
            blockStart = position;
        } else {
            stop(Problem.BAD_MAGIC);
        }
    }

    private void pcapRecord() throws IOException {
        blockStart = position;
        int n = fill(0, 16);
        if (n == 0) { stop(Problem.NONE); return; }
        if (n < 16) { stop(Problem.TRUNCATED); return; }
        long sec = u32(0), frac = u32(4), incl = u32(8), orig = u32(12);
        if (incl > orig && orig != 0) { stop(Problem.BAD_CAPTURE_LENGTH); return; }
        if (incl > MAX_BLOCK) { stop(Problem.BLOCK_TOO_LARGE); return; }
        if (fill(16, (int) incl) < incl) { stop(Problem.TRUNCATED); return; }
        long ns = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        pending = new PcapRecord(0, null, ns, (int) Math.min(orig, Integer.MAX_VALUE), Arrays.copyOfRange(b, 16, 16 + (int) incl), null);
    }

    /** Reads one block; a packet block leaves its record in pending. */
    private void pcapngBlock() throws IOException {
        blockStart = position - carried;
        int have = carried;
        carried = 0;
        int n = have + fill(have, 12 - have);
        if (n == 0) { stop(Problem.NONE); return; }
        if (n < 12) { stop(Problem.TRUNCATED); return; }
        int type = le32(0);
        if (type == PcapngWriter.SECTION_HEADER) {
            int bom = le32(8);
            if (bom == PcapngWriter.BYTE_ORDER_MAGIC) little = true;
            else if (Integer.reverseBytes(bom) == PcapngWriter.BYTE_ORDER_MAGIC) little = false;
            else { stop(Problem.BAD_MAGIC); return; }
            sectionFirstInterface = interfaces.size();
            clocks.clear();
        } else {
            type = i32(0);
        }
        long total = u32(4);
        if (total < 12 || (total & 3) != 0) { stop(Problem.BAD_BLOCK_LENGTH); return; }
        if (total > MAX_BLOCK) { stop(Problem.BLOCK_TOO_LARGE); return; }
        if (fill(12, (int) total - 12) < total - 12) { stop(Problem.TRUNCATED); return; }
        int end = (int) total;
        if (u32(end - 4) != total) { stop(Problem.BAD_BLOCK_LENGTH); return; }
        Problem p = block(type, 8, end - 4);
        if (p != Problem.NONE) stop(p);
    }

    /** Reads up to len bytes into b[at..], growing b; returns how many (fewer only at the end of the stream). */
    private int fill(int at, int len) throws IOException {
        if (at + len > b.length) b = Arrays.copyOf(b, Math.max(at + len, Math.min(2 * b.length, MAX_BLOCK + 16)));
        int n = in.readNBytes(b, at, len);
        position += n;
        return n;
    }

    private void stop(Problem p) { problem = p; }

    /** One block's body, [from, to). */
    private Problem block(int type, int from, int to) {
        switch (type) {
            case PcapngWriter.SECTION_HEADER -> { if (to - from < 16) return Problem.BAD_BLOCK_LENGTH; }
            case PcapngWriter.INTERFACE_DESCRIPTION -> { return interfaceBlock(from, to); }
            case PcapngWriter.ENHANCED_PACKET -> { return packetBlock(from, to, false); }
            case OBSOLETE_PACKET -> { return packetBlock(from, to, true); }
            case SIMPLE_PACKET -> { return simplePacketBlock(from, to); }
            case PcapngWriter.DECRYPTION_SECRETS -> {
                if (to - from < 8) return Problem.BAD_BLOCK_LENGTH;
                long len = u32(from + 4);
                if (len > to - from - 8) return Problem.BAD_BLOCK_LENGTH;
                secrets.add(new DecryptionSecrets(i32(from), Arrays.copyOfRange(b, from + 8, from + 8 + (int) len)));
            }
            default -> { }
        }
        return Problem.NONE;
    }

    private Problem interfaceBlock(int from, int to) {
        if (to - from < 8) return Problem.BAD_BLOCK_LENGTH;
        int linkType = u16(from);
        long snaplen = u32(from + 4);
        String name = null;
        long binary = 0, exponent = 6, offsetSeconds = 0;
        for (int at = from + 8; at + 4 <= to; ) {
            int code = u16(at), len = u16(at + 2);
            if (code == PcapngWriter.OPT_END) break;
            if (len > to - at - 4) return Problem.BAD_BLOCK_LENGTH;
            int v = at + 4;
            if (code == PcapngWriter.IF_NAME) name = new String(b, v, len, StandardCharsets.UTF_8);
            if (code == PcapngWriter.IF_TSRESOL && len == 1) { binary = (b[v] & 0x80) != 0 ? 1 : 0; exponent = b[v] & 0x7f; }
            if (code == IF_TSOFFSET && len == 8) offsetSeconds = little ? leLong(v) : beLong(v);
            at = v + ((len + 3) & ~3);
        }
        interfaces.add(new PcapInterface(name, linkType, (int) Math.min(snaplen, Integer.MAX_VALUE),
                (binary == 1 ? "2^-" : "10^-") + exponent));
        clocks.add(new long[] {binary, exponent, offsetSeconds});
        return Problem.NONE;
    }

    private Problem packetBlock(int from, int to, boolean obsolete) {
        if (to - from < 20) return Problem.BAD_BLOCK_LENGTH;
        int id = obsolete ? u16(from) : (int) Math.min(u32(from), Integer.MAX_VALUE);
        if (id >= clocks.size()) return Problem.UNKNOWN_INTERFACE;
        long ticks = (u32(from + 4) << 32) | u32(from + 8);
        long captured = u32(from + 12), original = u32(from + 16);
        if (captured > to - from - 20) return Problem.BAD_CAPTURE_LENGTH;
        int data = from + 20;
        String comment = null;
        for (int at = data + (((int) captured + 3) & ~3); at + 4 <= to; ) {
            int code = u16(at), len = u16(at + 2);
            if (code == PcapngWriter.OPT_END) break;
            if (len > to - at - 4) return Problem.BAD_BLOCK_LENGTH;
            if (code == PcapngWriter.OPT_COMMENT && comment == null) comment = new String(b, at + 4, len, StandardCharsets.UTF_8);
            at += 4 + ((len + 3) & ~3);
        }
        add(id, ticks, (int) Math.min(original, Integer.MAX_VALUE), Arrays.copyOfRange(b, data, data + (int) captured), comment);
        return Problem.NONE;
    }

    private Problem simplePacketBlock(int from, int to) {
        if (to - from < 4) return Problem.BAD_BLOCK_LENGTH;
        if (clocks.isEmpty()) return Problem.UNKNOWN_INTERFACE;
        long original = u32(from);
        int snaplen = interfaces.get(sectionFirstInterface).snaplen();
        int captured = (int) Math.min(Math.min(original, snaplen == 0 ? Long.MAX_VALUE : snaplen), to - from - 4);
        add(0, 0, (int) Math.min(original, Integer.MAX_VALUE), Arrays.copyOfRange(b, from + 4, from + 4 + captured), null);
        return Problem.NONE;
    }

    private void add(int id, long ticks, int original, byte[] data, String comment) {
        long[] clock = clocks.get(id);
        long ns = toNanos(ticks, clock[0] == 1, (int) clock[1]) + clock[2] * 1_000_000_000L;
        pending = new PcapRecord(id, interfaces.get(sectionFirstInterface + id).name(), ns, original, data, comment);
    }

    static long toNanos(long ticks, boolean binary, int exponent) {
        BigInteger t = new BigInteger(Long.toUnsignedString(ticks));
        BigInteger ns = binary
                ? t.multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(exponent)
                : exponent <= 9 ? t.multiply(BigInteger.TEN.pow(9 - exponent)) : t.divide(BigInteger.TEN.pow(exponent - 9));
        return ns.longValue();
    }

    private int le32(int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16) | ((b[at + 3] & 0xff) << 24);
    }
    private int i32(int at) { return little ? le32(at) : Integer.reverseBytes(le32(at)); }
    private long u32(int at) { return i32(at) & 0xffffffffL; }
    private int u16(int at) {
        int v = (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
        return little ? v : ((v & 0xff) << 8) | (v >>> 8);
    }
    private long leLong(int at) { return (le32(at) & 0xffffffffL) | ((long) le32(at + 4) << 32); }
    private long beLong(int at) { return ((long) Integer.reverseBytes(le32(at)) << 32) | (Integer.reverseBytes(le32(at + 4)) & 0xffffffffL); }
}
