package dev.imagegen4j.cli;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the images of one request go. {@code -o} names a directory (existing, or ending in a
 * separator), in which files are named {@code <slug>-<n>.<ext>}; or a file, whose stem is kept and
 * whose extension becomes the real format's ({@code -<n>} is added when there are several images).
 * Files appear atomically and are never replaced unless asked.
 */
final class ImageFiles {
    private static final ImageFormat[] FORMATS = ImageFormat.values();

    private final Path directory;
    private final String stem;
    private final boolean numbered;
    private final boolean replace;

    private ImageFiles(Path directory, String stem, boolean numbered, boolean replace) {
        this.directory = directory;
        this.stem = stem;
        this.numbered = numbered;
        this.replace = replace;
    }

    static ImageFiles of(@Nullable Path output, String rawOutput, String prompt, int count, boolean replace) {
        Path target = output == null ? Path.of("") : output;
        boolean isDirectory = output == null || Files.isDirectory(target) || rawOutput.endsWith("/")
                || rawOutput.endsWith(File.separator);
        if (isDirectory) {
            return new ImageFiles(target.toAbsolutePath(), Console.slug(prompt), true, replace);
        }
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path parent = target.toAbsolutePath().getParent();
        return new ImageFiles(parent, dot > 0 ? name.substring(0, dot) : name, count > 1, replace);
    }

    /** Files {@code <stem>-<n>.<ext>} in {@code directory}. */
    static ImageFiles inDirectory(Path directory, String stem, boolean replace) {
        return new ImageFiles(directory.toAbsolutePath(), stem, true, replace);
    }

    Path directory() {
        return directory;
    }


    /** The path of image {@code index} (0-based) in {@code format}. */
    Path path(int index, ImageFormat format) {
        return directory.resolve(base(index) + "." + format.extension());
    }

    /** The path of partial image {@code partial} of image {@code index}. */
    Path partialPath(int index, int partial, ImageFormat format) {
        return directory.resolve(base(index) + ".partial-" + partial + "." + format.extension());
    }

    private String base(int index) {
        return numbered ? stem + "-" + (index + 1) : stem;
    }

    /**
     * Refuses up front, before anything is generated, when a file of any image format already stands
     * where an image, or one of its {@code partials} partial images, would be written and replacing
     * was not asked for.
     */
    void checkFree(int count, int partials) {
        if (replace) {
            return;
        }
        List<Path> taken = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            for (ImageFormat format : FORMATS) {
                Path path = path(index, format);
                if (Files.exists(path)) {
                    taken.add(path);
                }
                for (int partial = 0; partial < partials; partial++) {
                    Path partialPath = partialPath(index, partial, format);
                    if (Files.exists(partialPath)) {
                        taken.add(partialPath);
                    }
                }
            }
        }
        if (!taken.isEmpty()) {
            throw new Main.UsageException("refusing to overwrite " + taken.get(0)
                    + (taken.size() > 1 ? " and " + (taken.size() - 1) + " more" : "") + "; use --force to replace");
        }
    }

    /** Writes image {@code index} atomically and returns where it went. */
    Path write(int index, GeneratedImage image) throws IOException {
        return put(image, path(index, image.format()));
    }

    Path writePartial(int index, int partial, GeneratedImage image) throws IOException {
        return put(image, partialPath(index, partial, image.format()));
    }

    private Path put(GeneratedImage image, Path target) throws IOException {
        StandardCopyOption[] options = replace
                ? new StandardCopyOption[] {StandardCopyOption.REPLACE_EXISTING} : new StandardCopyOption[0];
        Path spooled = image.file();
        if (spooled != null) {
            // The provider decoded into the run's Spool, beside the target: a rename finishes without a copy.
            if (replace) {
                Files.move(spooled, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(spooled, target);
            }
            return target;
        }
        return image.writeTo(target, options);
    }
}
