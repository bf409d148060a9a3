package io.genrestream.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The float path the trainer reads compressed clips with ({@link FfmpegDecoder#decodeMono}). */
class FfmpegDecoderTest {

    @TempDir
    Path dir;

    @Test
    void decodesAnMp3ToMonoSamplesAtTheRequestedRate() throws Exception {
        Assumptions.assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed: MP3 decoding not tested");
        PcmFormat format = new PcmFormat(22050, 1);
        Path wav = TestAudio.writeWav(dir.resolve("tone.wav"), format, TestAudio.tonePcm(format, 2.0, 1));
        Path mp3 = TestAudio.encodeMp3(wav, dir.resolve("tone.mp3"));
        float[] y = FfmpegDecoder.onPath().decodeMono(mp3, 16000);
        // MP3 frames pad the start and end a little
        assertThat(y.length).isBetween(32_000, 32_000 + 3_000);
        // periods of one second of the 440 Hz tone (amplitude 0.5, small noise): rises from below -0.2 above +0.2
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
        Assumptions.assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed: corrupt-MP3 handling not tested");
        Path bad = Files.write(dir.resolve("bad.mp3"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> FfmpegDecoder.onPath().decodeMono(bad, 22050)).isInstanceOf(IOException.class)
                .hasMessageContaining("ffmpeg could not decode").hasMessageContaining("bad.mp3");
    }

    @Test
    void aMissingFfmpegIsItsOwnClearError() throws Exception {
        Path mp3 = Files.write(dir.resolve("any.mp3"), new byte[] {1});
        String previous = System.getProperty(FfmpegDecoder.FFMPEG_PROPERTY);
        System.setProperty(FfmpegDecoder.FFMPEG_PROPERTY, dir.resolve("no-such-ffmpeg").toString());
        try {
            FfmpegDecoder missing = FfmpegDecoder.onPath();
            assertThat(missing.isAvailable()).isFalse();
            assertThatThrownBy(() -> AudioFileDecoder.standard().decodeMono(mp3, 22050))
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
