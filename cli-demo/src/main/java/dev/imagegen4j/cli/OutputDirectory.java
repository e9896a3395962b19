package dev.imagegen4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The directory a command writes into. It is checked before anything is generated, so that nothing is
 * paid for a result that cannot be saved; it is created only when there is something to write into it;
 * and the directories it would have created are removed again when a failed run leaves them empty.
 */
final class OutputDirectory {
    private final Path path;
    /** The outermost directory that did not exist at the check, or {@code null} when {@code path} existed. */
    private final @Nullable Path firstMissing;

    private OutputDirectory(Path path, @Nullable Path firstMissing) {
        this.path = path;
        this.firstMissing = firstMissing;
    }

    /**
     * Checks that files can be created in {@code directory}, or in its nearest existing ancestor when it
     * does not exist yet, by creating and deleting a file there: permission bits alone do not tell (root
     * ignores them; a read-only mount or an ACL overrides them).
     *
     * @throws Main.UsageException saying what cannot be written and why
     */
    static OutputDirectory check(Path directory) {
        Path path = directory.toAbsolutePath().normalize();
        Path existing = path;
        Path firstMissing = null;
        while (existing != null && !Files.exists(existing)) {
            firstMissing = existing;
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new Main.UsageException("cannot write to " + path + ": no such file or directory");
        }
        if (!Files.isDirectory(existing)) {
            throw new Main.UsageException("cannot write to " + path + ": " + existing + " is not a directory");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".imagegen-check-", ".tmp"));
        } catch (IOException e) {
            throw new Main.UsageException("cannot write to " + existing + ": " + reason(e));
        }
        return new OutputDirectory(path, firstMissing);
    }

    Path path() {
        return path;
    }

    /** Whether the directory exists yet. */
    boolean exists() {
        return Files.isDirectory(path);
    }

    /**
     * Deletes the directories that the check found missing and that are still empty, innermost first,
     * so that a failed run leaves no trace; a directory someone else filled meanwhile stays.
     */
    void removeIfEmpty() {
        if (firstMissing == null) {
            return;
        }
        for (Path dir = path; dir != null && dir.startsWith(firstMissing); dir = dir.getParent()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // Not empty (someone else wrote there meanwhile) or not removable: untidy, not a failure.
                return;
            }
        }
    }

    /**
     * Why a file operation failed, in the words of a shell ({@code permission denied}, {@code no space
     * left on device}) and without the path of any temporary file the operation was using.
     */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file exists";
        }
        if (e instanceof FileSystemException fileSystem) {
            // Its message would be the paths involved, temporary ones included; its reason is the OS's words.
            return fileSystem.getReason() != null ? fileSystem.getReason().toLowerCase(Locale.ROOT)
                    : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
