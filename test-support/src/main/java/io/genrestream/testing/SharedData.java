package io.genrestream.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The read-only data shared by the project's tests ({@code /work/shared/data}). Tests that need it skip, with a
 * message naming what is missing, on a fresh clone where it is absent.
 */
public final class SharedData {

    /** System property naming the data directory (the build sets it to {@code <root>/../shared/data}). */
    public static final String PROPERTY = "genre.shared.data";
    /** Location used without the property, relative to the project root. */
    static final Path FALLBACK_FROM_PROJECT_ROOT = Path.of("..", "shared", "data");

    private SharedData() {
    }

    /** The data directory: system property {@value #PROPERTY}, else {@code ../shared/data} from the project root. */
    public static Path root() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        return projectRoot(Path.of("").toAbsolutePath()).resolve(FALLBACK_FROM_PROJECT_ROOT).normalize();
    }

    /**
     * The file or directory at {@code relativePath} under {@link #root()}; aborts the calling test (skipped, not
     * failed) when it does not exist.
     *
     * @throws IllegalArgumentException if {@code relativePath} is absolute or leaves the data directory
     */
    public static Path require(String relativePath) {
        return require(root(), relativePath);
    }

    static Path require(Path root, String relativePath) {
        Path relative = Path.of(relativePath);
        Path path = root.resolve(relative).normalize();
        if (relative.isAbsolute() || !path.startsWith(root)) {
            throw new IllegalArgumentException("Shared data path must be relative and inside " + root + ": "
                    + relativePath);
        }
        if (!Files.exists(path)) {
            Assumptions.abort("Shared data absent: " + path + " (a fresh clone has no ../shared); skipping");
        }
        return path;
    }

    /** The top-most directory, from {@code start} upwards, of a chain of directories that hold a pom.xml. */
    static Path projectRoot(Path start) {
        Path root = start;
        while (root.getParent() != null && Files.isRegularFile(root.getParent().resolve("pom.xml"))) {
            root = root.getParent();
        }
        return root;
    }
}
