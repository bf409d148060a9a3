package io.genrestream.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classpath of the broker JVM, written at build time by maven-dependency-plugin {@code build-classpath} into
 * two resources: the provided jars (kafka_2.13 and what it needs, not seen by users of local-stack) and the
 * compile/runtime jars shared with this module (kafka-clients, slf4j-api, compression codecs).
 */
final class KafkaBrokerClasspath {

    static final List<String> RESOURCES = List.of(
            "kafka-broker-provided.classpath",
            "kafka-broker-runtime.classpath");

    private KafkaBrokerClasspath() {
    }

    /** The joined classpath; fails with a clear message if a resource or a listed jar is missing. */
    static String load() {
        Set<String> entries = new LinkedHashSet<>();
        for (String resource : RESOURCES) {
            for (String entry : read(resource).split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        for (String entry : entries) {
            if (!Files.isRegularFile(Path.of(entry))) {
                throw new LocalStackException("Kafka broker classpath entry " + entry + " does not exist (the local "
                        + "Maven repository changed since local-stack was built?); rebuild local-stack");
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String read(String resource) {
        try (InputStream in = KafkaBrokerClasspath.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LocalStackException("Resource io/genrestream/stack/" + resource + " is missing: it is "
                        + "written by the local-stack build (maven-dependency-plugin build-classpath)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
