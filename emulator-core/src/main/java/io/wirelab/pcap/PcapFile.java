package io.wirelab.pcap;

import java.util.List;

/**
 * What PcapReader found in a file. When problem is not NONE, everything before problemOffset was
 * read and is kept; the rest of the file was not understood.
 */
public record PcapFile(Format format, List<PcapInterface> interfaces, List<PcapRecord> records,
                       List<DecryptionSecrets> secrets, PcapReader.Problem problem, long problemOffset) {
    public enum Format { PCAP, PCAPNG, UNKNOWN }

    public boolean isComplete() { return problem == PcapReader.Problem.NONE; }
}
