package io.genrestream.stack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry distribution ({@code apicurio-registry-app-<version>-all.tar.gz}): where it is and its
 * unpacked copy in a cache directory.
 */
public final class RegistryDistribution {

    /** System property naming the tar.gz; overrides the location written at build time. */
    public static final String PROPERTY = "genre.stack.registry.distribution";
    /** Environment variable naming the tar.gz; used when the system property is absent. */
    public static final String ENVIRONMENT = "GENRE_STACK_REGISTRY_DISTRIBUTION";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryDistribution.class);
    private static final String BUILD_RESOURCE = "registry-distribution.properties";
    private static final String BUILD_KEY = "registry.distribution";
    private static final String ARCHIVE_SUFFIX = ".tar.gz";
    private static final String RUNNER_SUFFIX = "-runner.jar";
    /** Written last, so a half-unpacked directory (interrupted run) is recognised and redone. */
    private static final String COMPLETE_MARKER = ".unpacked";

    private RegistryDistribution() {
    }

    /**
     * The tar.gz: system property {@value #PROPERTY}, else environment variable {@value #ENVIRONMENT}, else the
     * local Maven repository path written by the build.
     *
     * @throws LocalStackException if the file does not exist, saying where it looked and how to override it
     */
    public static Path locate() {
        String fromProperty = System.getProperty(PROPERTY);
        String fromEnvironment = System.getenv(ENVIRONMENT);
        String location;
        String source;
        if (fromProperty != null && !fromProperty.isBlank()) {
            location = fromProperty;
            source = "system property " + PROPERTY;
        } else if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            location = fromEnvironment;
            source = "environment variable " + ENVIRONMENT;
        } else {
            location = buildTimeLocation();
            source = "the local-stack build (local Maven repository)";
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new LocalStackException("Apicurio Registry distribution not found at " + path + " (from " + source
                    + "); build local-stack once online so Maven downloads it, or point -D" + PROPERTY + " or "
                    + ENVIRONMENT + " at apicurio-registry-app-<version>-all.tar.gz");
        }
        return path;
    }

    private static String buildTimeLocation() {
        try (InputStream in = RegistryDistribution.class.getResourceAsStream(BUILD_RESOURCE)) {
            if (in == null) {
                throw new LocalStackException("Resource io/genrestream/stack/" + BUILD_RESOURCE + " is missing; "
                        + "set -D" + PROPERTY + " to the Apicurio Registry tar.gz");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(BUILD_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BUILD_RESOURCE, e);
        }
    }

    /**
     * Unpacks {@code archive} into {@code cacheDirectory/<archive name without .tar.gz>} unless a complete copy is
     * already there, and returns the runner jar inside it.
     */
    public static Path unpackedRunnerJar(Path archive, Path cacheDirectory) {
        String name = archive.getFileName().toString();
        String base = name.endsWith(ARCHIVE_SUFFIX) ? name.substring(0, name.length() - ARCHIVE_SUFFIX.length()) : name;
        Path target = cacheDirectory.resolve(base);
        try {
            if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                long start = System.nanoTime();
                if (Files.exists(target)) {
                    PathUtils.deleteDirectory(target); // left by an interrupted unpack
                }
                Path partial = Files.createTempDirectory(Files.createDirectories(cacheDirectory), base + ".partial-");
                untar(archive, partial);
                Files.createFile(partial.resolve(COMPLETE_MARKER));
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                    LOG.info("Unpacked {} into {} in {} ms", archive, target, (System.nanoTime() - start) / 1_000_000);
                } catch (IOException e) {
                    PathUtils.deleteDirectory(partial);
                    if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                        throw e;
                    } // else another JVM unpacked the same archive meanwhile: use its copy
                }
            }
            return runnerJar(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + archive + " into " + target, e);
        }
    }

    private static void untar(Path archive, Path destination) throws IOException {
        Files.createDirectories(destination);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = entry.resolveIn(destination); // rejects entries escaping the destination
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Path runnerJar(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(RUNNER_SUFFIX)).findFirst()
                    .orElseThrow(() -> new LocalStackException("No *" + RUNNER_SUFFIX + " in " + directory
                            + "; is it an Apicurio Registry 'all' distribution? Delete the directory to unpack again"));
        }
    }
}
