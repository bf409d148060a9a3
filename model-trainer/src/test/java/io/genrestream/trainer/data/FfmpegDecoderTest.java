package io.genrestream.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genrestream.trainer.cli.SequenceCommandsSmokeTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegDecoderTest {

    @TempDir
    Path dir;

    @Test
    void decodesAnMp3ToMonoSamplesAtTheRequestedRate() throws Exception {
        Assumptions.assumeTrue(FfmpegDecoder.available(), "ffmpeg not installed: MP3 decoding not tested");
        Path wav = dir.resolve("tone.wav");
        SequenceCommandsSmokeTest.writeTone(wav, 440, 2.0, 1);
        Path mp3 = dir.resolve("tone.mp3");
        assertThat(SequenceCommandsSmokeTest.toMp3(wav, mp3)).isTrue();
        float[] y = FfmpegDecoder.decode(mp3, 16000);
        // MP3 frames pad the start and end a little
        assertThat(y.length).isBetween(32_000, 32_000 + 3_000);
        // periods of one second of the 440 Hz tone (amplitude 0.4, noise σ 0.05): rises from below -0.2 above +0.2
        int periods = 0;
        boolean low = false;
        for (int i = 8_000; i < 24_000; i++) {
            if (y[i] < -0.2f) {
                low = true;
            } else if (low && y[i] > 0.2f) {
                periods++;
                low = false;
            }
        }
        assertThat((double) periods).isCloseTo(440, within(3.0));
    }

    @Test
    void aCorruptFileIsAnIoExceptionWithFfmpegsMessage() throws Exception {
        Assumptions.assumeTrue(FfmpegDecoder.available(), "ffmpeg not installed: corrupt-MP3 handling not tested");
        Path bad = dir.resolve("bad.mp3");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> FfmpegDecoder.decode(bad, 22050)).isInstanceOf(IOException.class)
                .hasMessageContaining("ffmpeg could not decode").hasMessageContaining("bad.mp3");
    }

    @Test
    void aMissingFfmpegIsAClearError() throws Exception {
        Path mp3 = dir.resolve("any.mp3");
        Files.write(mp3, new byte[] {1});
        String previous = System.getProperty(FfmpegDecoder.FFMPEG_PROPERTY);
        System.setProperty(FfmpegDecoder.FFMPEG_PROPERTY, dir.resolve("no-such-ffmpeg").toString());
        try {
            assertThat(FfmpegDecoder.available()).isFalse();
            assertThatThrownBy(() -> FfmpegDecoder.decode(mp3, 22050))
                    .isInstanceOf(FfmpegDecoder.FfmpegMissingException.class)
                    .hasMessageContaining("install ffmpeg").hasMessageContaining(FfmpegDecoder.FFMPEG_PROPERTY);
        } finally {
            if (previous == null) {
                System.clearProperty(FfmpegDecoder.FFMPEG_PROPERTY);
            } else {
                System.setProperty(FfmpegDecoder.FFMPEG_PROPERTY, previous);
            }
        }
    }
}
