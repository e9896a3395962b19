package dev.imagegen4j.cli;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the images of one request go. {@code -o} names a directory (existing, or ending in a
 * separator), in which files are named {@code <slug>-<n>.<ext>} with the next free numbers; or a file,
 * whose stem is kept and whose extension becomes the real format's ({@code -<n>} is added when there
 * are several images). Numbers are 1-based, for partial images too ({@code <slug>-1.partial-1.png}).
 * Files appear atomically and are never replaced unless asked.
 */
final class ImageFiles {
    private static final ImageFormat[] FORMATS = ImageFormat.values();

    private final Path directory;
    private final String stem;
    private final boolean numbered;
    private final boolean replace;
    /** Whether an image whose name is taken moves on to the next free number instead of failing. */
    private final boolean nextFree;
    /** The number each image (by 0-based index) was given, once its first file is written. */
    private final Map<Integer, Integer> numbers = new HashMap<>();
    private int lastNumber;

    private ImageFiles(Path directory, String stem, boolean numbered, boolean replace, boolean nextFree) {
        this.directory = directory;
        this.stem = stem;
        this.numbered = numbered;
        this.replace = replace;
        this.nextFree = nextFree;
    }

    static ImageFiles of(@Nullable Path output, String rawOutput, String prompt, int count, boolean replace) {
        Path target = output == null ? Path.of("") : output;
        if (isDirectory(output, rawOutput)) {
            return new ImageFiles(target.toAbsolutePath(), Console.slug(prompt), true, replace, !replace);
        }
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path parent = target.toAbsolutePath().getParent();
        return new ImageFiles(parent, dot > 0 ? name.substring(0, dot) : name, count > 1, replace, false);
    }

    /** Files {@code <stem>-<n>.<ext>} in {@code directory}, numbered from 1 whatever is there. */
    static ImageFiles inDirectory(Path directory, String stem, boolean replace) {
        return new ImageFiles(directory.toAbsolutePath(), stem, true, replace, false);
    }

    /**
     * The image format a file name given to {@code -o} asks for by its extension ({@code pic.jpg}:
     * JPEG), or {@code null} for a directory or an extension that is no image format.
     */
    static @Nullable ImageFormat formatNamedBy(@Nullable Path output, String rawOutput) {
        if (output == null || isDirectory(output, rawOutput)) {
            return null;
        }
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        for (ImageFormat format : FORMATS) {
            if (extension.equals(format.extension()) || extension.equals(format.name().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        return null;
    }

    private static boolean isDirectory(@Nullable Path output, String rawOutput) {
        return output == null || Files.isDirectory(output) || rawOutput.endsWith("/")
                || rawOutput.endsWith(File.separator);
    }

    Path directory() {
        return directory;
    }

    /** The path of image {@code number} (1-based) in {@code format}. */
    private Path path(int number, ImageFormat format) {
        return directory.resolve(base(number) + "." + format.extension());
    }

    /** The path of partial image {@code partial} (1-based) of image {@code number}. */
    private Path partialPath(int number, int partial, ImageFormat format) {
        return directory.resolve(base(number) + ".partial-" + partial + "." + format.extension());
    }

    private String base(int number) {
        return numbered ? stem + "-" + number : stem;
    }

    /**
     * Refuses up front, before anything is generated, when a file of any image format already stands
     * where an image, or one of its {@code partials} partial images, would be written and neither
     * replacing nor moving on to free names applies.
     */
    void checkFree(int count, int partials) {
        if (replace || nextFree) {
            return;
        }
        List<Path> taken = new ArrayList<>();
        for (int number = 1; number <= count; number++) {
            for (ImageFormat format : FORMATS) {
                taken.addAll(existing(number, partials, format));
            }
        }
        if (!taken.isEmpty()) {
            throw new Main.UsageException("refusing to overwrite " + taken.get(0)
                    + (taken.size() > 1 ? " and " + (taken.size() - 1) + " more" : "") + "; use --force to replace");
        }
    }

    private List<Path> existing(int number, int partials, ImageFormat format) {
        List<Path> found = new ArrayList<>();
        if (Files.exists(path(number, format))) {
            found.add(path(number, format));
        }
        for (int partial = 1; partial <= partials; partial++) {
            if (Files.exists(partialPath(number, partial, format))) {
                found.add(partialPath(number, partial, format));
            }
        }
        return found;
    }

    /**
     * Writes image {@code index} (0-based, as the provider counts) atomically and returns where it went;
     * {@code scratch} holds the bytes of an in-memory image until they reach their name.
     */
    Path write(int index, GeneratedImage image, Spool scratch) throws IOException {
        return put(index, image, scratch, number -> path(number, image.format()));
    }

    /** Writes partial image {@code partial} (0-based, as the provider counts) of image {@code index}. */
    Path writePartial(int index, int partial, GeneratedImage image, Spool scratch) throws IOException {
        return put(index, image, scratch, number -> partialPath(number, partial + 1, image.format()));
    }

    private interface Naming {
        Path name(int number);
    }

    private synchronized Path put(int index, GeneratedImage image, Spool scratch, Naming naming) throws IOException {
        Path source = image.file();
        Path target = naming.name(number(index));
        try {
            Files.createDirectories(directory);
            if (source == null) {
                source = scratch.newFile();
                try (InputStream in = image.openStream()) {
                    Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            while (true) {
                try {
                    place(source, target);
                    return target;
                } catch (FileAlreadyExistsException e) {
                    if (!nextFree) {
                        throw new Main.UsageException("refusing to overwrite " + target + "; use --force to replace");
                    }
                    numbers.remove(index);
                    target = naming.name(number(index));
                }
            }
        } catch (IOException e) {
            // The message of the JDK's exception names the temporary file, which means nothing to the user.
            throw new IOException("cannot write " + target + ": " + OutputDirectory.reason(e), e);
        }
    }

    /** The number of image {@code index}: its own when already given, else the next free one. */
    private int number(int index) {
        if (!nextFree) {
            return index + 1;
        }
        return numbers.computeIfAbsent(index, unused -> {
            int candidate = lastNumber + 1;
            // A name taken in any format is skipped, so that pic-2.jpg and pic-2.png never belong to two runs.
            while (takenInAnyFormat(candidate)) {
                candidate++;
            }
            lastNumber = candidate;
            return candidate;
        });
    }

    private boolean takenInAnyFormat(int number) {
        for (ImageFormat format : FORMATS) {
            if (!existing(number, 1, format).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives {@code source}, a file in a spool beside the target, the name {@code target}. Without
     * replacing, a hard link is the one step that creates the name only if it is free (a rename would
     * check first and then replace, racing with another writer); where links are not supported, the
     * rename is the fallback.
     */
    private void place(Path source, Path target) throws IOException {
        if (replace) {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.move(source, target);
            return;
        }
        Files.delete(source);
    }
}
