package io.wirelab.wire;

import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.testing.SharedCaptures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-annotated vectors are the captured frames, byte for byte. */
class CaptureVectorsTest {
    @Test void arpAndIcmpVectors_areFrames1To4OfArpIcmp() throws IOException {
        List<PcapRecord> frames = PcapReader.read(SharedCaptures.file("arp-icmp.pcapng")).records();
        assertThat(CaptureVectors.ARP_REQUEST).isEqualTo(frames.get(0).data());
        assertThat(CaptureVectors.ARP_REPLY).isEqualTo(frames.get(1).data());
        assertThat(CaptureVectors.ECHO_REQUEST).isEqualTo(frames.get(2).data());
        assertThat(CaptureVectors.ECHO_REPLY).isEqualTo(frames.get(3).data());
    }

    @Test void udpDnsQuery_isFrame3OfDns() throws IOException {
        assertThat(CaptureVectors.UDP_DNS_QUERY).isEqualTo(PcapReader.read(SharedCaptures.file("dns.pcapng")).records().get(2).data());
    }
}
