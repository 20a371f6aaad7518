package io.wirelab.console;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.pcap.PcapFile;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** :live in the console: a port streamed as the user drives the lab, to a FIFO or a file, across :reset. */
class ConsoleLiveTest {
    @TempDir Path dir;
    final StringWriter printed = new StringWriter();

    Console console() {
        Path out = dir.resolve("out");
        return new Console(() -> {
            try {
                return LabBuilder.build(BuiltinLabs.builtin("ping-basics"), LabBuilder.Options.to(out));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, out, new PrintWriter(printed, true));
    }

    static void assertSameFrames(PcapFile live, Path file) throws IOException {
        PcapFile saved = PcapReader.read(file);
        assertThat(live.isComplete()).isTrue();
        assertThat(live.records()).hasSameSizeAs(saved.records()).isNotEmpty();
        for (int i = 0; i < saved.records().size(); i++) {
            PcapRecord a = live.records().get(i), b = saved.records().get(i);
            assertThat(a.data()).as("frame " + (i + 1)).isEqualTo(b.data());
            assertThat(a.timestampNanos()).as("time of frame " + (i + 1)).isEqualTo(b.timestampNanos());
        }
    }

    @Test void aFileGetsTheFramesAsTheUserDrivesTheLab() throws Exception {
        Console c = console();
        Path file = dir.resolve("live.pcapng");
        c.handle(":live pc1:eth0 " + file);
        assertThat(printed.toString()).contains("streaming pc1:eth0 live to " + file);
        c.handle("pc1.ping('10.0.0.2', count: 2)");
        long afterPing = PcapReader.read(file).records().size();
        assertThat(afterPing).as("written while the lab runs, not at the end").isGreaterThanOrEqualTo(4);
        c.handle(":live");
        assertThat(printed.toString()).containsPattern("PORT\\s+TO\\s+FRAMES\\s+STATE\\npc1:eth0\\s+\\S+live.pcapng\\s+" + afterPing + "\\s+streaming");
        c.handle("pc1.ping('10.0.0.2', count: 1)");
        c.close();
        assertSameFrames(PcapReader.read(file), dir.resolve("out/pc1-eth0.pcapng"));
        assertThat(c.failures()).isZero();
    }

    @Test void withoutAPathAFifoIsMadeAndFramesWaitForItsReader() throws Exception {
        Tools.require("mkfifo");
        Console c = console();
        c.handle(":live pc1:eth0");
        Path fifo = dir.resolve("out/pc1-eth0.fifo");
        assertThat(printed.toString()).contains("open it in Wireshark: wireshark -k -i " + fifo);
        assertThat(Files.isRegularFile(fifo)).isFalse();
        c.handle("pc1.ping('10.0.0.2', count: 2)");
        c.handle(":live");
        assertThat(printed.toString()).containsPattern("pc1:eth0\\s+\\S+pc1-eth0.fifo\\s+\\d+\\s+waiting for a reader");
        CountDownLatch readerOpened = new CountDownLatch(1);
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                readerOpened.countDown();
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        c.handle("pc2.ping('10.0.0.1', count: 1)");
        assertThat(readerOpened.await(60, TimeUnit.SECONDS)).as("a reader opened the FIFO").isTrue();
        c.handle(":live stop pc1:eth0");
        assertThat(printed.toString()).containsPattern("stopped pc1:eth0 after \\d+ frames to " + fifo);
        byte[] streamed = reader.get(60, TimeUnit.SECONDS);
        c.close();
        assertSameFrames(PcapReader.read(streamed), dir.resolve("out/pc1-eth0.pcapng"));
    }

    @Test void afterResetTheStreamSkipsWhatRepeatsAndStartsASectionWhereTheRunDiffers() throws Exception {
        Console c = console();
        Path file = dir.resolve("live.pcapng");
        c.handle(":live pc1:eth0 " + file);
        c.handle("pc1.ping('10.0.0.2', count: 2)");
        int before = PcapReader.read(file).records().size();
        c.handle(":reset");
        c.handle("pc1.ping('10.0.0.2', count: 2)");
        assertThat(PcapReader.read(file).records()).as("the same run again adds nothing").hasSize(before);
        c.handle("pc1.ping('10.0.0.2', count: 1)");
        PcapFile grown = PcapReader.read(file);
        assertThat(grown.records()).hasSizeGreaterThan(before);
        assertThat(grown.interfaces()).hasSize(1);
        c.handle(":reset");
        c.handle("pc2.ping('10.0.0.1', count: 1)");
        c.close();
        PcapFile f = PcapReader.read(file);
        assertThat(f.isComplete()).isTrue();
        assertThat(f.interfaces()).as("a new section where the run differs").hasSize(2);
        assertThat(f.records()).hasSizeGreaterThan(grown.records().size());
    }

    @Test void wrongPortsAndStopsAreErrors() {
        Console c = console();
        c.handle(":live pc9:eth0");
        c.handle(":live stop pc1:eth0");
        c.handle(":live stop");
        c.handle(":live a b c");
        assertThat(printed.toString()).contains("error: no device 'pc9' in lab ping-basics")
                .contains("error: pc1:eth0 is not streamed live").contains("error: no live streams (start one: :live pc1:eth0)")
                .contains("error: usage: :live PORT [PATH]");
        assertThat(c.failures()).isEqualTo(4);
        c.close();
    }

}
