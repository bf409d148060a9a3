package io.genrestream.trainer.data;

import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.features.FeatureExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * SHA-256 of the code that turns audio into features: the class files of genre-core's {@code audio} and
 * {@code features} packages, by name and content, read from the jar or the class directory they were loaded from.
 * Part of {@link FeatureCache}'s key, so that entries written by other extraction code are not read back: a bundle
 * trained on them would learn from features the app no longer computes. Class bytes, not the jar's: a rebuilt jar of
 * the same code keeps its cache.
 */
final class FeatureCodeDigest {

    private static final List<String> PACKAGES = List.of(packagePath(FeatureExtractor.class),
            packagePath(AudioFileDecoder.class));

    private static String cached;

    private FeatureCodeDigest() {
    }

    /** The digest of the extraction code this JVM runs (computed once). */
    static synchronized String current() {
        if (cached == null) {
            cached = of(FeatureExtractor.class.getProtectionDomain().getCodeSource());
        }
        return cached;
    }

    /** The digest of the extraction classes in {@code source}, a jar or a class directory. */
    static String of(CodeSource source) {
        try {
            Path location = Path.of(source.getLocation().toURI());
            return digest(Files.isDirectory(location) ? fromDirectory(location) : fromJar(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feature code at " + source.getLocation(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("feature code at an odd location: " + source.getLocation(), e);
        }
    }

    /** Digest of class files by name (sorted) and content. */
    static String digest(Map<String, byte[]> classes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : new TreeMap<>(classes).entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static Map<String, byte[]> fromDirectory(Path root) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        for (String pkg : PACKAGES) {
            Path dir = root.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    classes.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        }
        return classes;
    }

    private static Map<String, byte[]> fromJar(Path jar) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (name.endsWith(".class") && PACKAGES.stream().anyMatch(p -> name.startsWith(p + "/"))) {
                    try (InputStream in = file.getInputStream(entry)) {
                        classes.put(name, in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    private static String packagePath(Class<?> type) {
        return type.getPackageName().replace('.', '/');
    }
}
