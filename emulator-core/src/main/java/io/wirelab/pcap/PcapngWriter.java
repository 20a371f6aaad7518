package io.wirelab.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng): one Section Header Block, then Interface
 * Description Blocks, Enhanced Packet Blocks and Decryption Secrets Blocks in the order they are
 * added. Each block is assembled in place in the CaptureStream's buffer (a frame is copied once).
 * Onto an OutputStream every block is written with one write() and flushed, so the file is valid
 * after each call; a capture file buffers whole blocks. Little-endian. Timestamps are nanoseconds
 * (if_tsresol = 9) from the lab's start (epoch 0).
 */
public final class PcapngWriter implements Closeable {
    static final int SECTION_HEADER = 0x0A0D0D0A;            // §4.1
    static final int INTERFACE_DESCRIPTION = 0x00000001;     // §4.2
    static final int ENHANCED_PACKET = 0x00000006;           // §4.3
    static final int DECRYPTION_SECRETS = 0x0000000A;        // §4.7
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** §4.7: secrets type "TLSK", an NSS key log. */
    public static final int SECRETS_TLS_KEY_LOG = 0x544c534b;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int DEFAULT_SNAPLEN = 262144;

    static final int OPT_END = 0;
    static final int OPT_COMMENT = 1;
    static final int EPB_FLAGS = 2;
    /** epb_flags (pcapng §4.3.1): inbound, and link-layer error bit 24, CRC error. */
    public static final int FLAGS_INBOUND_CRC_ERROR = 0x0100_0001;
    static final int SHB_USERAPPL = 4;
    static final int IF_NAME = 2;
    static final int IF_DESCRIPTION = 3;
    static final int IF_TSRESOL = 9;

    private final CaptureStream out;
    private int[] snaplens = new int[4];
    private int interfaces;
    private boolean closed;

    /** Writes the Section Header Block at once. sectionComment may be null. */
    public PcapngWriter(OutputStream out, String sectionComment) throws IOException {
        this(CaptureStream.unbuffered(out), sectionComment);
    }

    PcapngWriter(CaptureStream out, String sectionComment) throws IOException {
        this.out = out;
        startSection(sectionComment);
    }

    public PcapngWriter(OutputStream out) throws IOException { this(out, null); }

    /** Begins a new section (a Section Header Block): interfaces must be added again, ids start at 0. */
    public void startSection(String sectionComment) throws IOException {
        interfaces = 0;
        begin(SECTION_HEADER);
        out.u32(BYTE_ORDER_MAGIC);
        out.u16(1);                      // major version
        out.u16(0);                      // minor version
        out.u64(-1L);                    // section length not specified
        out.option(OPT_COMMENT, sectionComment);
        out.option(SHB_USERAPPL, "wirelab");
        endOptions();
        out.finish();
    }

    /** Adds an Interface Description Block; returns the interface id that packets refer to. */
    public int addInterface(String name, int snaplen) throws IOException { return addInterface(name, null, snaplen); }

    /** Adds an Interface Description Block with an if_description (null for none); returns the interface id. */
    public int addInterface(String name, String description, int snaplen) throws IOException {
        if (snaplen <= 0) throw new IllegalArgumentException("snaplen must be positive");
        begin(INTERFACE_DESCRIPTION);
        out.u16(LINKTYPE_ETHERNET);
        out.u16(0);                      // reserved
        out.u32(snaplen);
        out.option(IF_NAME, name);
        out.option(IF_DESCRIPTION, description);
        out.option(IF_TSRESOL, new byte[] {9});   // 10^-9 s units
        endOptions();
        out.finish();
        if (interfaces == snaplens.length) snaplens = Arrays.copyOf(snaplens, 2 * interfaces);
        snaplens[interfaces] = snaplen;
        return interfaces++;
    }

    public int interfaceCount() { return interfaces; }

    /** Enhanced Packet Block. The frame is cut to the interface's snaplen; comment may be null. */
    public void writePacket(int interfaceId, long timestampNanos, byte[] data, int offset, int length, String comment)
            throws IOException {
        writePacket(interfaceId, timestampNanos, data, offset, length, comment, 0);
    }

    /** Enhanced Packet Block with an epb_flags word when flags is not 0 (e.g. FLAGS_INBOUND_CRC_ERROR). */
    public void writePacket(int interfaceId, long timestampNanos, byte[] data, int offset, int length, String comment, int flags)
            throws IOException {
        if (interfaceId < 0 || interfaceId >= interfaces) throw new IllegalArgumentException("no interface " + interfaceId);
        if (closed) throw new IllegalStateException("capture is closed");
        int captured = Math.min(length, snaplens[interfaceId]);
        if (flags == 0 && comment == null) {
            out.fiveFieldBlock(ENHANCED_PACKET, interfaceId, (int) (timestampNanos >>> 32), (int) timestampNanos, captured, length,
                    data, offset, captured);
            return;
        }
        begin(ENHANCED_PACKET);
        out.u32(interfaceId);
        out.u32((int) (timestampNanos >>> 32));
        out.u32((int) timestampNanos);
        out.u32(captured);
        out.u32(length);
        out.bytes(data, offset, captured);
        out.pad32(captured);
        if (flags != 0) {
            out.u16(EPB_FLAGS);
            out.u16(4);
            out.u32(flags);
        }
        if (comment != null) out.option(OPT_COMMENT, comment);
        if (flags != 0 || comment != null) endOptions();
        out.finish();
    }

    public void writePacket(int interfaceId, long timestampNanos, byte[] data) throws IOException {
        writePacket(interfaceId, timestampNanos, data, 0, data.length, null);
    }

    /** Decryption Secrets Block with an NSS key log (SSLKEYLOGFILE format), so Wireshark decrypts TLS. */
    public void writeDecryptionSecrets(String nssKeyLog) throws IOException {
        byte[] secrets = nssKeyLog.getBytes(StandardCharsets.UTF_8);
        begin(DECRYPTION_SECRETS);
        out.u32(SECRETS_TLS_KEY_LOG);
        out.u32(secrets.length);
        out.bytes(secrets, 0, secrets.length);
        out.pad32(secrets.length);
        out.finish();
    }

    public void flush() throws IOException { out.flushNow(); }

    @Override public void close() throws IOException {
        if (closed) return;
        closed = true;
        out.close();
    }

    private void begin(int type) {
        if (closed) throw new IllegalStateException("capture is closed");
        out.begin(type);
    }

    private void endOptions() {
        out.u16(OPT_END);
        out.u16(0);
    }
}
