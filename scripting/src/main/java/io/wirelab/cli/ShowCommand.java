package io.wirelab.cli;

import io.wirelab.pcap.PcapFile;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.PacketPrinter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirelab show CAPTURE}: one tcpdump-like line per frame of a pcap or pcapng file. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a capture (pcap or pcapng) one line per frame, like tcpdump -r.")
final class ShowCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "CAPTURE", description = "a .pcapng or .pcap file, e.g. out/ping-basics/pc1-eth0.pcapng")
    Path file;

    @Option(names = "--count", paramLabel = "N", description = "print at most N frames")
    int count = Integer.MAX_VALUE;

    ShowCommand(Io io) { this.io = io; }

    @Override public Integer call() {
        try (PcapReader capture = PcapReader.open(file)) {
            int printed = 0;
            for (PcapRecord r = capture.next(); r != null && printed < count; r = capture.next(), printed++) {
                String where = r.interfaceName() == null ? "" : r.interfaceName() + " ";
                io.out().println(SimTime.format(r.timestampNanos()) + " " + where + PacketPrinter.print(r.data(), 0, r.data().length));
            }
            if (capture.format() == PcapFile.Format.UNKNOWN) {
                io.err().println("wirelab: " + file + ": not a pcap or pcapng file (" + capture.problem().describe() + ")");
                return Main.USAGE;
            }
            PcapReader.Problem problem = capture.problem();
            if (problem != null && problem != PcapReader.Problem.NONE) {
                io.err().println("wirelab: " + file + ": stopped at byte " + capture.problemOffset() + " after " + printed
                        + (printed == 1 ? " frame: " : " frames: ") + problem.describe());
                return Main.FAILED;
            }
            return Main.OK;
        } catch (NoSuchFileException e) {
            io.err().println("wirelab: " + file + ": no such file");
            return Main.USAGE;
        } catch (IOException e) {
            io.err().println("wirelab: " + file + ": cannot read: " + e.getMessage());
            return Main.USAGE;
        }
    }
}
