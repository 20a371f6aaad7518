package io.wirelab.pcap;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.Hex;

/** Hand-built, checksum-correct frames (ARP request/reply, ICMP echo) between 10.0.0.1 and 10.0.0.2. */
final class TestFrames {
    private TestFrames() {}

    static byte[] arpRequest() {
        return Hex.bytes("""
                ff ff ff ff ff ff  02 00 00 00 01 01  08 06   # broadcast, from pc1, ARP
                00 01 08 00 06 04 00 01                      # Ethernet/IPv4, request
                02 00 00 00 01 01  0a 00 00 01               # sender pc1 10.0.0.1
                00 00 00 00 00 00  0a 00 00 02               # target ? 10.0.0.2
                """);
    }

    static byte[] arpReply() {
        return Hex.bytes("""
                02 00 00 00 01 01  02 00 00 00 02 01  08 06
                00 01 08 00 06 04 00 02
                02 00 00 00 02 01  0a 00 00 02
                02 00 00 00 01 01  0a 00 00 01
                """);
    }

    /** ICMP echo request (type 8) or reply (type 0) with a 56-byte payload; both checksums valid. */
    static byte[] echo(boolean request, int seq) {
        byte[] f = new byte[14 + 20 + 8 + 56];
        byte[] head = Hex.bytes(request
                ? "02 00 00 00 02 01  02 00 00 00 01 01  08 00"
                : "02 00 00 00 01 01  02 00 00 00 02 01  08 00");
        System.arraycopy(head, 0, f, 0, 14);
        int ip = 14;
        Bytes.put8(f, ip, 0x45);
        Bytes.put16(f, ip + 2, 20 + 8 + 56);
        Bytes.put16(f, ip + 4, seq);
        Bytes.put16(f, ip + 6, 0x4000);
        Bytes.put8(f, ip + 8, 64);
        Bytes.put8(f, ip + 9, 1);
        Bytes.putI32(f, ip + 12, request ? 0x0a000001 : 0x0a000002);
        Bytes.putI32(f, ip + 16, request ? 0x0a000002 : 0x0a000001);
        Bytes.put16(f, ip + 10, Checksum.fold(f, ip, 20));          // RFC 791 §3.1
        int icmp = ip + 20;
        Bytes.put8(f, icmp, request ? 8 : 0);
        Bytes.put16(f, icmp + 4, 0x1234);
        Bytes.put16(f, icmp + 6, seq);
        for (int i = 0; i < 56; i++) f[icmp + 8 + i] = (byte) (0x10 + i);
        Bytes.put16(f, icmp + 2, Checksum.fold(f, icmp, 8 + 56));   // RFC 792
        return f;
    }
}
