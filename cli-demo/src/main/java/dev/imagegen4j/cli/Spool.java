package dev.imagegen4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A directory of one run's own, inside the output directory, where the provider decodes images
 * (its {@code spool-directory}) and where in-memory images are written before they get their name. Being on the same file system as the targets, a finished image
 * reaches its name by a rename, and the heap never holds it. Closing deletes it with anything a
 * failure left in it; a shutdown hook does the same when the run is interrupted. A run killed outright
 * (SIGKILL, a crash) runs neither: its spool, named after its process id, is removed by the next
 * {@code generate} or {@code batch} into the same directory once that process has ended.
 */
final class Spool implements AutoCloseable {
    private static final String PREFIX = ".imagegen-spool-";

    private final Path path;
    private final Thread onInterrupt;

    private Spool(Path path) {
        this.path = path;
        this.onInterrupt = new Thread(this::deleteQuietly, "imagegen-spool-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    static Spool in(Path directory) {
        return new Spool(directory.resolve(PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID()));
    }

    Path path() {
        return path;
    }

    /** A new empty file in the spool, which is created with its parents on first use. */
    Path newFile() throws IOException {
        return Files.createTempFile(Files.createDirectories(path), "image-", ".part");
    }

    /**
     * Deletes the spools that killed runs left in {@code directory}: those whose process has ended. The
     * spools of runs still going, in this process or another, are left alone; so is a spool that cannot
     * be deleted, for a later run to try again.
     */
    static void removeAbandoned(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> spools = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path spool : spools) {
                if (!isInUse(spool)) {
                    try {
                        delete(spool);
                    } catch (IOException e) {
                        // Left for a later run.
                    }
                }
            }
        }
    }

    /** Whether the process that named {@code spool} still runs; a name without a process id is abandoned. */
    private static boolean isInUse(Path spool) {
        String name = spool.getFileName().toString().substring(PREFIX.length());
        try {
            long pid = Long.parseLong(name.substring(0, name.indexOf('-')));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook is doing this very work.
            return;
        }
        delete(path);
    }

    private void deleteQuietly() {
        try {
            delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path spool) throws IOException {
        if (!Files.isDirectory(spool)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spool)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(spool);
    }
}
