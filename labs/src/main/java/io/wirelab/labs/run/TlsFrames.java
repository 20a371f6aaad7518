package io.wirelab.labs.run;

import io.wirelab.pcap.PcapFile;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import java.io.IOException;
import java.nio.file.Path;

/** Finds TLS in a capture: an Ethernet/IPv4/TCP segment whose payload opens a TLS handshake record. */
final class TlsFrames {
    private TlsFrames() {}

    static boolean carriesTls(Path capture) throws IOException {
        PcapFile f = PcapReader.read(capture);
        for (PcapRecord r : f.records()) if (isTlsHandshake(r.data())) return true;
        return false;
    }

    /** RFC 8446 §5.1: ContentType handshake(22), legacy_record_version 0x0301..0x0304. */
    static boolean isTlsHandshake(byte[] frame) {
        if (frame.length < 14 + 20 + 20 + 5) return false;
        if ((frame[12] & 0xff) != 0x08 || frame[13] != 0x00) return false;            // EtherType IPv4
        int ip = 14;
        if ((frame[ip] & 0xf0) != 0x40 || frame[ip + 9] != 6) return false;            // IPv4, protocol TCP
        int ihl = (frame[ip] & 0x0f) * 4;
        int total = ((frame[ip + 2] & 0xff) << 8) | (frame[ip + 3] & 0xff);
        int tcp = ip + ihl;
        if (ihl < 20 || tcp + 20 > frame.length) return false;
        int payload = tcp + ((frame[tcp + 12] & 0xf0) >> 2);
        int end = Math.min(frame.length, ip + total);
        if (payload + 5 > end) return false;
        return frame[payload] == 22 && frame[payload + 1] == 3 && frame[payload + 2] >= 1 && frame[payload + 2] <= 4;
    }
}
