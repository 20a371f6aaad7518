package io.wirelab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Waits for a condition on a file written by another process, woken by the file system's change events. */
public final class FileWatch {
    private FileWatch() {}

    /** Returns once condition holds for file; fails with what after limit without it. */
    public static void await(Path file, Predicate<Path> condition, Duration limit, String what) throws InterruptedException {
        Path dir = file.toAbsolutePath().getParent();
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            long deadline = System.nanoTime() + limit.toNanos();
            while (!condition.test(file)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError(what + ": not within " + limit);
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
