package io.wirelab.wire.filter;

import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a pcap or pcapng file into decoded frames for display filters. */
public final class CaptureFrames {
    private CaptureFrames() {}

    /** Every frame in file order; IOException when the file is unreadable or not a capture, or stops at a broken block. */
    public static List<DecodedFrame> read(Path file) throws IOException {
        FrameDecoder decoder = new FrameDecoder();
        List<DecodedFrame> out = new ArrayList<>();
        try (PcapReader r = PcapReader.open(file)) {
            for (PcapRecord rec = r.next(); rec != null; rec = r.next())
                out.add(decoder.decode(rec.timestampNanos(), rec.data(), rec.originalLength()));
            PcapReader.Problem p = r.problem();
            if (p != null && p != PcapReader.Problem.NONE)
                throw new IOException(file + ": " + p.describe() + " at byte " + r.problemOffset());
        }
        return out;
    }

    /** The frames the filter matches. */
    public static List<DecodedFrame> matching(List<DecodedFrame> frames, DisplayFilter filter) {
        List<DecodedFrame> out = new ArrayList<>();
        for (DecodedFrame f : frames) if (filter.matches(f)) out.add(f);
        return out;
    }
}
