package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.pcap.PcapFile;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a capture as Wireshark does ends the lab cleanly: SIGTERM to the installed extcap (Unix),
 * or closing the control pipe it was given (--extcap-control-in; Windows has no SIGTERM). Either way
 * the FIFO ends on a whole block that tshark reads without complaint, its frames are the first frames
 * of the lab's capture file, nothing is printed, the exit code is 0 and no process is left behind.
 */
class ExtcapStopTest {
    /** Bytes Wireshark has read before the user stops: tcp-bulk (in real time) is then still sending. */
    private static final int STOP_AFTER_BYTES = 50_000;

    /** Each blocking reader on its own thread (the common pool may have a single one). */
    private static final java.util.concurrent.Executor OWN_THREAD = r -> Thread.ofPlatform().daemon().start(r);

    @TempDir Path dir;

    /** Reads a FIFO as Wireshark does, in the background, until the writer closes it; counts down once enough arrived. */
    static final class FifoReader {
        final CountDownLatch enough = new CountDownLatch(1);
        final CompletableFuture<byte[]> all;

        FifoReader(Path fifo) {
            all = CompletableFuture.supplyAsync(() -> {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                try (InputStream in = Files.newInputStream(fifo)) {
                    byte[] buf = new byte[8192];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        got.write(buf, 0, n);
                        if (got.size() >= STOP_AFTER_BYTES) enough.countDown();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return got.toByteArray();
            }, OWN_THREAD);
        }
    }

    private Path installedExtcap() {
        Path extcapDir = dir.resolve("extcap");
        CliRun install = CliRun.of("extcap", "--install", "--dir", extcapDir.toString());
        assertThat(install.exitCode()).as(install.err()).isZero();
        return extcapDir.resolve(ExtcapInstaller.SCRIPT);
    }

    private void mkfifo(Path... fifos) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Tools.require("mkfifo").toString()));
        for (Path f : fifos) cmd.add(f.toString());
        assertThat(new ProcessBuilder(cmd).inheritIO().start().waitFor()).isZero();
    }

    /** Starts the extcap's capture the way Wireshark does: the options of its dialog, the FIFO, maybe the control pipes. */
    private Process startCapture(Path fifo, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(installedExtcap().toString(), "--capture", "--extcap-interface", "wirelab-lab", "--fifo", fifo.toString(),
                "--lab", "tcp-bulk", "--port", "pc1:eth0", "--pace", "realtime"));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
    }

    /** The process ended with 0, printed nothing, left no process; the stream is whole pcapng, the lab's first frames, read cleanly by tshark. */
    private void assertStoppedCleanly(Process p, List<ProcessHandle> children, FifoReader reader) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the extcap exits after the stop").isTrue();
        String err = Files.readString(dir.resolve("stderr"));
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readString(dir.resolve("stdout"))).isEmpty();
        assertThat(children).allSatisfy(c -> assertThat(c.isAlive()).as("process " + c.pid()).isFalse());

        byte[] stream = reader.all.get(60, TimeUnit.SECONDS);
        PcapFile live = PcapReader.read(stream);
        assertThat(live.isComplete()).as("the last block is whole: " + live.problem()).isTrue();
        CliRun saved = CliRun.of("run", "tcp-bulk", "--out", dir.resolve("out").toString());
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        List<PcapRecord> file = PcapReader.read(dir.resolve("out/pc1-eth0.pcapng")).records();
        assertThat(live.records().size()).as("stopped before the lab's end").isGreaterThan(20).isLessThan(file.size());
        for (int i = 0; i < live.records().size(); i++)
            assertThat(live.records().get(i).data()).as("frame " + (i + 1)).isEqualTo(file.get(i).data());

        Path pcapng = Files.write(dir.resolve("stopped.pcapng"), stream);
        Process tshark = new ProcessBuilder(Tools.require("tshark").toString(), "-r", pcapng.toString(), "-T", "fields", "-e", "frame.number")
                .redirectError(dir.resolve("tshark.err").toFile()).start();
        List<String> lines = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(tshark.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> complaints = Files.readAllLines(dir.resolve("tshark.err")).stream().filter(l -> !l.startsWith("Running as user")).toList();
        assertThat(complaints).as("tshark: the file is not cut short or damaged").isEmpty();
        assertThat(tshark.exitValue()).isZero();
        assertThat(lines).as("tshark reads every frame").hasSize(live.records().size())
                .last().isEqualTo(Integer.toString(live.records().size()));
    }

    @Test void sigtermAsWiresharkSendsItEndsTheLabCleanly() throws Exception {
        Path fifo = dir.resolve("wireshark_extcap_wirelab-lab_1");
        mkfifo(fifo);
        Process p = startCapture(fifo);
        FifoReader reader = new FifoReader(fifo);
        assertThat(reader.enough.await(120, TimeUnit.SECONDS)).as("frames arrive").isTrue();
        List<ProcessHandle> children = p.toHandle().descendants().toList();
        p.destroy();   // SIGTERM, as Wireshark's Stop button
        assertStoppedCleanly(p, children, reader);
    }

    @Test void closingTheControlPipeEndsTheLabCleanly_controlMessagesAreIgnored() throws Exception {
        Path fifo = dir.resolve("wireshark_extcap_wirelab-lab_2"), toExtcap = dir.resolve("wireshark_control_ws_to_ext"),
                fromExtcap = dir.resolve("wireshark_control_ext_to_ws");
        mkfifo(fifo, toExtcap, fromExtcap);
        Process p = startCapture(fifo, "--extcap-control-in", toExtcap.toString(), "--extcap-control-out", fromExtcap.toString());
        CompletableFuture<byte[]> fromIt = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fromExtcap)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, OWN_THREAD);
        FifoReader reader = new FifoReader(fifo);
        try (OutputStream control = Files.newOutputStream(toExtcap)) {
            control.write(new byte[] {'T', 0, 0, 2, 0, 0});   // a control packet (sync 'T', length 2, control 0, command 0 "initialized")
            control.flush();
            assertThat(reader.enough.await(120, TimeUnit.SECONDS)).as("frames arrive").isTrue();
        }   // Wireshark closes its end of the control pipe: the capture stops
        List<ProcessHandle> children = p.toHandle().descendants().toList();
        assertStoppedCleanly(p, children, reader);
        assertThat(fromIt.get(60, TimeUnit.SECONDS)).as("nothing is sent to Wireshark's toolbar").isEmpty();
    }
}
