package io.wirelab.pcap;

/** An interface of a capture file: an IDB in pcapng, the global header in classic pcap. */
public record PcapInterface(String name, int linkType, int snaplen, String tsresolDescription) {}
