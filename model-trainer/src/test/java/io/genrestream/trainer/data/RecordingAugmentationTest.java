package io.genrestream.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genrestream.audio.FfmpegDecoder;
import io.genrestream.trainer.cli.SequenceCommandsSmokeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingAugmentationTest {

    @TempDir
    Path dir;

    private final RecordingAugmentation augmentation = new RecordingAugmentation(6, 6, 42);

    @Test
    void aCopysChainDependsOnlyOnSeedFileNameAndCopy() {
        Path file = Path.of("a/blues.00001.wav");
        assertThat(augmentation.chain(file, 1)).isEqualTo(augmentation.chain(Path.of("b/blues.00001.wav"), 1));
        Set<RecordingAugmentation.Chain> chains = new HashSet<>();
        for (int copy = 1; copy <= 20; copy++) {
            RecordingAugmentation.Chain chain = augmentation.chain(file, copy);
            chains.add(chain);
            List<String> args = chain.outputArgs();
            // filters, mono 22050 Hz, a lossy codec, and the extension that codec's container needs
            assertThat(args.get(1)).startsWith("bass=g=").contains("treble=g=", "volume=", "alimiter");
            assertThat(args.subList(2, 6)).containsExactly("-ac", "1", "-ar", "22050");
            assertThat(chain.extension()).isIn("mp3", "m4a");
            assertThat(args.get(7)).isEqualTo(chain.extension().equals("mp3") ? "libmp3lame" : "aac");
        }
        assertThat(chains).hasSizeGreaterThan(15);
        assertThat(new RecordingAugmentation(6, 6, 43).chain(file, 1)).isNotEqualTo(augmentation.chain(file, 1));
    }

    @Test
    void rendersADecodableCopyOnceAndReusesIt() throws Exception {
        Assumptions.assumeTrue(FfmpegDecoder.onPath().isAvailable(), "ffmpeg not installed: re-recording not tested");
        Path wav = dir.resolve("tone.wav");
        SequenceCommandsSmokeTest.writeTone(wav, 440, 3.0, 1);
        Path copy = augmentation.render(wav, 1, dir.resolve("copies"));
        assertThat(copy).isRegularFile();
        long made = Files.getLastModifiedTime(copy).toMillis();
        assertThat(augmentation.render(wav, 1, dir.resolve("copies"))).isEqualTo(copy);
        assertThat(Files.getLastModifiedTime(copy).toMillis()).isEqualTo(made);
        assertThat(augmentation.render(wav, 2, dir.resolve("copies"))).isNotEqualTo(copy);

        float[] original = SegmentDataset.decode(wav, 22050);
        float[] rerecorded = SegmentDataset.decode(copy, 22050);
        // codec padding adds a little at the ends; the limiter keeps every sample within full scale
        assertThat(rerecorded.length).isBetween(original.length - 100, original.length + 4_000);
        double power = 0;
        for (float v : rerecorded) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(1f);
            power += v * v;
        }
        // the 0.4-amplitude tone is still there, within the ±6 dB of gain and shelves
        assertThat(Math.sqrt(power / rerecorded.length)).isBetween(0.28 / 4, 0.28 * 4);
    }

    @Test
    void refusesNegativeOrInfiniteRanges() {
        assertThatThrownBy(() -> new RecordingAugmentation(-1, 6, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordingAugmentation(6, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
