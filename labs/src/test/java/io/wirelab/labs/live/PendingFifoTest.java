package io.wirelab.labs.live;

import io.wirelab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PendingFifoTest {
    @TempDir Path dir;

    @Test void bytesWrittenBeforeAReaderCameReachItEvenWhenClosedTheMomentItOpens() throws Exception {
        for (int round = 0; round < 40; round++) {
            Path fifo = mkfifo(dir.resolve("round-" + round + ".fifo"));
            PendingFifo out = new PendingFifo(fifo);
            byte[] waiting = ("frames of round " + round).getBytes();
            out.write(waiting, 0, waiting.length);
            CountDownLatch opened = new CountDownLatch(1);
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = Files.newInputStream(fifo)) {
                    opened.countDown();
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(opened.await(30, TimeUnit.SECONDS)).isTrue();
            out.close();
            assertThat(reader.get(30, TimeUnit.SECONDS)).as("round %d", round).isEqualTo(waiting);
        }
    }

    @Test void closingWithoutAReaderReturnsAndLeavesNoOpenerBlocked() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path fifo = mkfifo(dir.resolve("nobody-" + round + ".fifo"));
            PendingFifo out = new PendingFifo(fifo);
            byte[] waiting = new byte[200_000];
            out.write(waiting, 0, waiting.length);
            out.close();
            assertThat(out.isOpen()).isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).as("round %d", round)
                    .noneMatch(t -> t.getName().equals("wirelab-fifo " + fifo.getFileName()) && t.isAlive());
        }
    }

    private static Path mkfifo(Path fifo) throws Exception {
        Process p = new ProcessBuilder(Tools.require("mkfifo").toString(), fifo.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return fifo;
    }
}
