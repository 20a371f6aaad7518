package io.wirelab.pcap;

/**
 * One captured frame as read back from a file. interfaceName is the IDB's if_name (null when the
 * file has none, e.g. classic pcap); data holds the captured bytes (at most snaplen of them).
 */
public record PcapRecord(int interfaceId, String interfaceName, long timestampNanos, int originalLength,
                         byte[] data, String comment) {
    public int capturedLength() { return data.length; }
}
