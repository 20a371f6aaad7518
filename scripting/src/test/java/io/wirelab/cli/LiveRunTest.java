package io.wirelab.cli;

import io.wirelab.pcap.PcapFile;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.testing.Tools;
import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** run --live: an interface as a live pcapng stream, checked against the lab's own capture file and by tshark. */
class LiveRunTest {
    @TempDir Path dir;

    /** What a run printed, and the stream its stdout carried. */
    record Streamed(CliRun run, byte[] stream) {}

    static Streamed runWithStdout(OutputStream stdout, String... args) {
        ByteArrayOutputStream copy = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }
            @Override public void write(byte[] b, int off, int len) throws IOException {
                copy.write(b, off, len);
                if (stdout != null) stdout.write(b, off, len);
            }
            @Override public void flush() throws IOException { if (stdout != null) stdout.flush(); }
            @Override public void close() throws IOException { if (stdout != null) stdout.close(); }
        };
        int rc = Main.run(args, new PrintStream(tee, false), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Streamed(new CliRun(rc, "", err.toString(StandardCharsets.UTF_8)), copy.toByteArray());
    }

    /** Runs args with stdout piped into `tshark -n -i - tsharkArgs...`; returns the run and tshark's output lines. */
    static List<String> throughTshark(List<Streamed> result, List<String> tsharkArgs, String... args) throws Exception {
        Path tshark = Tools.require("tshark");
        List<String> command = new ArrayList<>(List.of(tshark.toString(), "-n", "-i", "-"));
        command.addAll(tsharkArgs);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        Streamed s = runWithStdout(p.getOutputStream(), args);
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tshark ends with the stream").isTrue();
        result.add(s);
        String text = out.get();
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertSameFrames(byte[] stream, Path file) throws IOException {
        PcapFile live = PcapReader.read(stream), saved = PcapReader.read(file);
        assertThat(live.isComplete()).as("the stream is pcapng and nothing else: " + live.problem()).isTrue();
        assertThat(live.records()).hasSameSizeAs(saved.records()).isNotEmpty();
        for (int i = 0; i < saved.records().size(); i++) {
            PcapRecord a = live.records().get(i), b = saved.records().get(i);
            assertThat(a.timestampNanos()).as("time of frame " + (i + 1)).isEqualTo(b.timestampNanos());
            assertThat(a.data()).as("bytes of frame " + (i + 1)).isEqualTo(b.data());
        }
    }

    @Test void tcpBulkLiveIntoTsharkEqualsItsCaptureFile_frameByFrame() throws Exception {
        List<String> fields = List.of("-T", "fields", "-e", "frame.len", "-e", "frame.time_epoch", "-e", "tcp.seq_raw", "-e", "tcp.ack_raw");
        List<Streamed> result = new ArrayList<>();
        List<String> live = throughTshark(result, fields, "run", "tcp-bulk", "--out", dir.toString(), "--live", "pc1:eth0");
        Streamed s = result.getFirst();
        assertThat(s.run().exitCode()).as(s.run().err()).isZero();
        assertThat(s.run().err()).as("the run's own output moves to stderr").contains("10000000 bytes in").contains("captures:");

        Path file = dir.resolve("pc1-eth0.pcapng");
        List<String> saved = Tshark.run(file, fields.toArray(String[]::new));
        assertThat(live).hasSizeGreaterThan(7000).isEqualTo(saved);
        assertSameFrames(s.stream(), file);
    }

    @Test void httpsInTheLiveStreamOfHttpBasicsDecrypts() throws Exception {
        List<Streamed> result = new ArrayList<>();
        List<String> live = throughTshark(result, List.of("-T", "fields", "-e", "frame.number", "-e", "http.request.method", "-e", "http.host",
                "-Y", "tls && http.request.method == \"GET\""), "run", "http-basics", "--out", dir.toString(), "--live", "pc1:eth0");
        Streamed s = result.getFirst();
        assertThat(s.run().exitCode()).as(s.run().err()).isZero();
        Path file = dir.resolve("pc1-eth0.pcapng");
        assertThat(live).hasSizeGreaterThanOrEqualTo(8).isEqualTo(Tshark.run(file, "-T", "fields", "-e", "frame.number", "-e", "http.request.method",
                "-e", "http.host", "-Y", "tls && http.request.method == \"GET\""));
        assertThat(live).anySatisfy(l -> assertThat(l).endsWith("GET\twww.wirelab.test"));
        assertSameFrames(s.stream(), file);

        Path saved = dir.resolve("live.pcapng");
        Files.write(saved, s.stream());
        assertThat(Tshark.fields(saved, null, "frame.interface_name", "frame.interface_description").getFirst())
                .containsExactly("pc1:eth0", "wirelab lab http-basics, live");
        assertThat(PcapReader.read(s.stream()).secrets()).as("one block per release of held handshakes").hasSizeGreaterThan(1);
    }

    @Test void streamsGoToFifosAndFiles_severalAtOnce() throws Exception {
        Path fifo = dir.resolve("pc1.fifo"), plain = dir.resolve("pc2.pcapng"), out = dir.resolve("out");
        Process mkfifo = new ProcessBuilder(Tools.require("mkfifo").toString(), fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun run = CliRun.of("run", "ping-basics", "--out", out.toString(), "--live", "pc1:eth0=" + fifo, "--live", "pc2:eth0=" + plain);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as("stdout carries no stream, so the run prints there as usual").contains("captures:");
        assertSameFrames(reader.get(60, TimeUnit.SECONDS), out.resolve("pc1-eth0.pcapng"));
        assertSameFrames(Files.readAllBytes(plain), out.resolve("pc2-eth0.pcapng"));
    }

    @Test void aReaderThatGoesAwayEndsTheStreamWithOneLine_theLabRunsOn() throws Exception {
        OutputStream closesEarly = new OutputStream() {
            int written;
            @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }
            @Override public void write(byte[] b, int off, int len) throws IOException {
                if ((written += len) > 500) throw new IOException("Broken pipe");
            }
        };
        Streamed s = runWithStdout(closesEarly, "run", "ping-basics", "--out", dir.toString(), "--live", "pc1:eth0");
        assertThat(s.run().exitCode()).as(s.run().err()).isZero();
        assertThat(s.run().err()).contains("wirelab: live stream of pc1:eth0 to stdout ended: the reader closed the stream; the lab runs on without it")
                .contains("captures:").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(PcapReader.read(dir.resolve("pc1-eth0.pcapng")).isComplete()).isTrue();
        assertThat(PcapReader.read(dir.resolve("pc1-eth0.pcapng")).records()).hasSizeGreaterThan(4);
    }

    @Test void paceOptionPacesTheLabsSimulatorAtItsRate() throws Exception {
        LiveOptions options = new LiveOptions();
        options.pace = "2x";
        assertThat(options.problem()).isNull();
        try (io.wirelab.labs.run.Lab lab = LabSource.start(io.wirelab.labs.run.BuiltinLabs.builtin("ping-basics"), dir)) {
            assertThat(lab.simulator().pacer()).isNull();
            assertThat(options.start(lab, System.out, System.err)).isEmpty();
            assertThat(lab.simulator().pacer().rate()).isEqualTo(2.0);
        }
    }

    @Test void badLiveAndPaceOptionsAreUsageErrors() {
        String out = dir.resolve("o").toString();
        record Case(String[] args, String message) {}
        for (Case c : List.of(
                new Case(new String[] {"--pace", "3"}, "wirelab: --pace: '3' is not a pace: use realtime, a rate such as 0.1x or 2x, or fast"),
                new Case(new String[] {"--pace", "0x"}, "out of range"),
                new Case(new String[] {"--live", "pc1"}, "--live pc1: name an interface as DEVICE:IFACE"),
                new Case(new String[] {"--live", "pc1:eth0="}, "give a path after '='"),
                new Case(new String[] {"--live", "pc1:eth0", "--live", "pc2:eth0"}, "stdout already receives a stream"),
                new Case(new String[] {"--live", "pc9:eth0"}, "--live pc9:eth0: no device 'pc9' in lab ping-basics"),
                new Case(new String[] {"--live", "pc1:eth9"}, "no interface 'pc1:eth9' (interfaces: pc1:eth0)"),
                new Case(new String[] {"--realtime", "--pace", "2x"}, "--pace 2x: this lab runs in real time"))) {
            List<String> args = new ArrayList<>(List.of("run", "ping-basics", "--out", out));
            args.addAll(List.of(c.args()));
            Streamed s = runWithStdout(null, args.toArray(String[]::new));
            assertThat(s.run().exitCode()).as(String.join(" ", c.args())).isEqualTo(Main.USAGE);
            assertThat(s.run().err()).as(String.join(" ", c.args())).contains(c.message());
        }
    }
}
