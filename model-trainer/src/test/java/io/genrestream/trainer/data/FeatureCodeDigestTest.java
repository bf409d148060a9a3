package io.genrestream.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.genrestream.features.FeatureExtractor;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCodeDigestTest {

    @TempDir
    Path dir;

    private static CodeSource at(Path location) throws Exception {
        return new CodeSource(location.toUri().toURL(), (Certificate[]) null);
    }

    private Path classDirectory(String name, Map<String, String> files) throws Exception {
        Path root = dir.resolve(name);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = root.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return root;
    }

    private Path jar(String name, Map<String, String> files) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                j.putNextEntry(new JarEntry(f.getKey()));
                j.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void theExtractionCodeThisJvmRunsHasOneDigest() throws Exception {
        String digest = FeatureCodeDigest.current();
        assertThat(digest).hasSize(64).isHexadecimal();
        assertThat(FeatureCodeDigest.of(FeatureExtractor.class.getProtectionDomain().getCodeSource()))
                .isEqualTo(digest);
    }

    @Test
    void changesWithTheFeatureAndAudioClassesAndNothingElse() throws Exception {
        Map<String, String> code = Map.of("io/genrestream/features/Stft.class", "stft v1",
                "io/genrestream/audio/AudioResampler.class", "resampler v1",
                "io/genrestream/model/GenreBlocks.class", "blocks v1");
        String base = FeatureCodeDigest.of(at(classDirectory("base", code)));

        assertThat(FeatureCodeDigest.of(at(classDirectory("same", code)))).isEqualTo(base);
        assertThat(FeatureCodeDigest.of(at(classDirectory("otherModel", Map.of(
                "io/genrestream/features/Stft.class", "stft v1", "io/genrestream/audio/AudioResampler.class",
                "resampler v1", "io/genrestream/model/GenreBlocks.class", "blocks v2")))))
                .as("model code is not extraction code").isEqualTo(base);
        assertThat(FeatureCodeDigest.of(at(classDirectory("otherStft", Map.of(
                "io/genrestream/features/Stft.class", "stft v2", "io/genrestream/audio/AudioResampler.class",
                "resampler v1")))))
                .isNotEqualTo(base);
        assertThat(FeatureCodeDigest.of(at(classDirectory("otherResampler", Map.of(
                "io/genrestream/features/Stft.class", "stft v1", "io/genrestream/audio/AudioResampler.class",
                "resampler v2")))))
                .isNotEqualTo(base);
    }

    @Test
    void aJarOfTheSameClassesHasTheDigestOfTheirDirectory() throws Exception {
        Map<String, String> code = Map.of("io/genrestream/features/Stft.class", "stft v1",
                "io/genrestream/features/bands/Mel.class", "mel v1", "io/genrestream/audio/AudioResampler.class",
                "resampler v1", "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
        assertThat(FeatureCodeDigest.of(at(jar("code.jar", code))))
                .isEqualTo(FeatureCodeDigest.of(at(classDirectory("code", code))));
    }
}
