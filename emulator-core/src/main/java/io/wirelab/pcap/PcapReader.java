package io.wirelab.pcap;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads classic pcap (micro- and nanosecond magic, either byte order) and pcapng (SHB, IDB, EPB,
 * SPB, the obsolete PB and DSB; other blocks are skipped). Never throws on hostile bytes: the result
 * carries a Problem and the offset where reading stopped, with every record read up to there.
 */
public final class PcapReader {
    public enum Problem { NONE, EMPTY, BAD_MAGIC, TRUNCATED, BAD_BLOCK_LENGTH, UNKNOWN_INTERFACE, BAD_CAPTURE_LENGTH }

    private static final int SIMPLE_PACKET = 3;
    private static final int OBSOLETE_PACKET = 2;
    private static final int IF_TSOFFSET = 14;

    private final byte[] b;
    private boolean little = true;
    private final List<PcapInterface> interfaces = new ArrayList<>();
    private final List<PcapRecord> records = new ArrayList<>();
    private final List<DecryptionSecrets> secrets = new ArrayList<>();
    /** Per interface of the current section: tsresol as (binary?, exponent) and tsoffset seconds. */
    private final List<long[]> clocks = new ArrayList<>();
    private int sectionFirstInterface;

    private PcapReader(byte[] bytes) { this.b = bytes; }

    public static PcapFile read(Path file) throws IOException { return read(Files.readAllBytes(file)); }

    public static PcapFile read(byte[] bytes) { return new PcapReader(bytes).parse(); }

    private PcapFile parse() {
        if (b.length == 0) return result(PcapFile.Format.UNKNOWN, Problem.EMPTY, 0);
        if (b.length < 4) return result(PcapFile.Format.UNKNOWN, Problem.TRUNCATED, 0);
        int magicLe = le32(0);
        if (magicLe == PcapngWriter.SECTION_HEADER) return parsePcapng();
        if (magicLe == PcapWriter.MAGIC_NANOS || magicLe == PcapWriter.MAGIC_MICROS) { little = true; return parsePcap(magicLe); }
        int magicBe = Integer.reverseBytes(magicLe);
        if (magicBe == PcapWriter.MAGIC_NANOS || magicBe == PcapWriter.MAGIC_MICROS) { little = false; return parsePcap(magicBe); }
        return result(PcapFile.Format.UNKNOWN, Problem.BAD_MAGIC, 0);
    }

    private PcapFile parsePcap(int magic) {
        PcapFile.Format f = PcapFile.Format.PCAP;
        if (b.length < 24) return result(f, Problem.TRUNCATED, 0);
        long snaplen = u32(16);
        int linkType = (int) (u32(20) & 0x0fff_ffff);   // upper bits carry FCS info
        boolean nanos = magic == PcapWriter.MAGIC_NANOS;
        interfaces.add(new PcapInterface(null, linkType, (int) Math.min(snaplen, Integer.MAX_VALUE), nanos ? "10^-9" : "10^-6"));
        int at = 24;
        while (at < b.length) {
            if (b.length - at < 16) return result(f, Problem.TRUNCATED, at);
            long sec = u32(at), frac = u32(at + 4), incl = u32(at + 8), orig = u32(at + 12);
            if (incl > b.length - at - 16) return result(f, Problem.TRUNCATED, at);
            if (incl > orig && orig != 0) return result(f, Problem.BAD_CAPTURE_LENGTH, at);
            long ns = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
            records.add(new PcapRecord(0, null, ns, (int) orig, Arrays.copyOfRange(b, at + 16, at + 16 + (int) incl), null));
            at += 16 + (int) incl;
        }
        return result(f, Problem.NONE, b.length);
    }

    private PcapFile parsePcapng() {
        PcapFile.Format f = PcapFile.Format.PCAPNG;
        int at = 0;
        while (at < b.length) {
            if (b.length - at < 12) return result(f, Problem.TRUNCATED, at);
            int type = le32(at);
            if (type == PcapngWriter.SECTION_HEADER) {
                int bom = le32(at + 8);
                if (bom == PcapngWriter.BYTE_ORDER_MAGIC) little = true;
                else if (Integer.reverseBytes(bom) == PcapngWriter.BYTE_ORDER_MAGIC) little = false;
                else return result(f, Problem.BAD_MAGIC, at);
                sectionFirstInterface = interfaces.size();
                clocks.clear();
            } else {
                type = i32(at);
            }
            long total = u32(at + 4);
            if (total < 12 || (total & 3) != 0) return result(f, Problem.BAD_BLOCK_LENGTH, at);
            if (total > b.length - at) return result(f, Problem.TRUNCATED, at);
            int end = at + (int) total;
            if (u32(end - 4) != total) return result(f, Problem.BAD_BLOCK_LENGTH, at);
            Problem p = block(type, at + 8, end - 4);
            if (p != Problem.NONE) return result(f, p, at);
            at = end;
        }
        return result(f, Problem.NONE, b.length);
    }

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
        add(id, ticks, (int) original, Arrays.copyOfRange(b, data, data + (int) captured), comment);
        return Problem.NONE;
    }

    private Problem simplePacketBlock(int from, int to) {
        if (to - from < 4) return Problem.BAD_BLOCK_LENGTH;
        if (clocks.isEmpty()) return Problem.UNKNOWN_INTERFACE;
        long original = u32(from);
        int snaplen = interfaces.get(sectionFirstInterface).snaplen();
        int captured = (int) Math.min(Math.min(original, snaplen == 0 ? Long.MAX_VALUE : snaplen), to - from - 4);
        add(0, 0, (int) original, Arrays.copyOfRange(b, from + 4, from + 4 + captured), null);
        return Problem.NONE;
    }

    private void add(int id, long ticks, int original, byte[] data, String comment) {
        long[] clock = clocks.get(id);
        long ns = toNanos(ticks, clock[0] == 1, (int) clock[1]) + clock[2] * 1_000_000_000L;
        records.add(new PcapRecord(id, interfaces.get(sectionFirstInterface + id).name(), ns, original, data, comment));
    }

    static long toNanos(long ticks, boolean binary, int exponent) {
        BigInteger t = new BigInteger(Long.toUnsignedString(ticks));
        BigInteger ns = binary
                ? t.multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(exponent)
                : exponent <= 9 ? t.multiply(BigInteger.TEN.pow(9 - exponent)) : t.divide(BigInteger.TEN.pow(exponent - 9));
        return ns.longValue();
    }

    private PcapFile result(PcapFile.Format format, Problem problem, long offset) {
        return new PcapFile(format, List.copyOf(interfaces), List.copyOf(records), List.copyOf(secrets), problem, offset);
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
