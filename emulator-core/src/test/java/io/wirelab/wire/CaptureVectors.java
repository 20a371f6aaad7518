package io.wirelab.wire;

/**
 * Frames from the reference captures (test resources captures/, see SharedCaptures): arp-icmp.pcapng
 * (frames 1-4, host A 198.18.1.1 pings B 198.18.1.2) and dns.pcapng frame 3 (a UDP query). Bytes as
 * `tshark -x` prints them, annotated; CaptureVectorsTest checks each against its capture.
 */
public final class CaptureVectors {
    private CaptureVectors() {}

    /** arp-icmp.pcapng frame 1: who-has 198.18.1.2 tell 198.18.1.1, 42 bytes, unpadded. */
    public static final byte[] ARP_REQUEST = Hex.bytes("""
            ff ff ff ff ff ff  02 00 5e 12 01 01  08 06   # broadcast <- A, EtherType ARP
            00 01 08 00 06 04 00 01                       # Ethernet, IPv4, hlen 6, plen 4, op request
            02 00 5e 12 01 01  c6 12 01 01                # sender A 198.18.1.1
            00 00 00 00 00 00  c6 12 01 02                # target ? 198.18.1.2
            """);

    /** arp-icmp.pcapng frame 2: 198.18.1.2 is-at 02:00:5e:12:01:02. */
    public static final byte[] ARP_REPLY = Hex.bytes("""
            02 00 5e 12 01 01  02 00 5e 12 01 02  08 06   # A <- B
            00 01 08 00 06 04 00 02                       # op reply
            02 00 5e 12 01 02  c6 12 01 02                # sender B 198.18.1.2
            02 00 5e 12 01 01  c6 12 01 01                # target A 198.18.1.1
            """);

    /** arp-icmp.pcapng frame 3: echo request id 0x6526 seq 1, 56 data bytes, DF, TTL 64. */
    public static final byte[] ECHO_REQUEST = Hex.bytes("""
            02 00 5e 12 01 02  02 00 5e 12 01 01  08 00   # B <- A, IPv4
            45 00 00 54   # version 4, IHL 5, total length 84
            9d d7 40 00   # identification 0x9dd7, DF
            40 01 0e aa   # TTL 64, ICMP, header checksum 0x0eaa
            c6 12 01 01   # 198.18.1.1
            c6 12 01 02   # 198.18.1.2
            08 00 6f 6f   # echo request, code 0, checksum 0x6f6f
            65 26 00 01   # identifier 0x6526, sequence 1
            66 27 02 6b 00 00 00 00  f2 03 0a 00 00 00 00 00   # struct timeval
            10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f
            20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f
            30 31 32 33 34 35 36 37
            """);

    /** arp-icmp.pcapng frame 4: the echo reply, DF clear, same id/seq/data. */
    public static final byte[] ECHO_REPLY = Hex.bytes("""
            02 00 5e 12 01 01  02 00 5e 12 01 02  08 00
            45 00 00 54   ca 4d 00 00   40 01 22 34   c6 12 01 02   c6 12 01 01
            00 00 77 6f   65 26 00 01
            66 27 02 6b 00 00 00 00  f2 03 0a 00 00 00 00 00
            10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f
            20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f
            30 31 32 33 34 35 36 37
            """);

    /** dns.pcapng frame 3: UDP 198.18.3.2:49900 -> 198.18.3.1:53, 57 bytes of DNS. */
    public static final byte[] UDP_DNS_QUERY = Hex.bytes("""
            02 00 5e 12 03 01  02 00 5e 12 03 02  08 00
            45 00 00 55   bd 91 00 00   40 11 2a df   c6 12 03 02   c6 12 03 01
            c2 ec 00 35   # source port 49900, destination port 53
            00 41 13 c4   # length 65, checksum 0x13c4
            61 d5 01 20 00 01 00 00 00 00 00 01 03 77 77 77 07 77 69 72 65 6c
            61 62 04 74 65 73 74 00 00 01 00 01 00 00 29 04 d0 00 00 00 00 00 0c 00
            0a 00 08 a1 d6 b2 de 9d da de fb
            """);
}
