package io.genrestream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.genrestream.producer.PcmFormat;
import io.genrestream.producer.TestAudio;
import io.genrestream.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioFileDecoderTest {

    @TempDir
    Path dir;

    private final AudioFileDecoder decoder = new AudioFileDecoder(FfmpegDecoder.onPath());

    @Test
    void wavKeepsItsOwnRateChannelsAndExactSamples() throws Exception {
        PcmFormat format = new PcmFormat(44100, 2);
        byte[] pcm = TestAudio.tonePcm(format, 0.8, 1);
        DecodedAudio decoded = decoder.decode(TestAudio.writeWav(dir.resolve("a.wav"), format, pcm));
        assertThat(decoded.format()).isEqualTo(format);
        assertThat(decoded.pcm()).isEqualTo(pcm);
        assertThat(decoded.decoder()).isEqualTo("javax.sound");
    }

    @Test
    void bigEndianAuIsConvertedToLittleEndian() throws Exception {
        PcmFormat format = new PcmFormat(22050, 1);
        byte[] pcm = TestAudio.tonePcm(format, 0.5, 2);
        DecodedAudio decoded = decoder.decode(TestAudio.writeAu(dir.resolve("b.au"), format, pcm));
        assertThat(decoded.format()).isEqualTo(format);
        assertThat(decoded.pcm()).isEqualTo(pcm);
    }

    @Test
    void realGtzanAuFromSharedData() throws Exception {
        Path au = SharedData.require("gtzan/audio-dev/blues.00009.au");
        DecodedAudio decoded = decoder.decode(au);
        assertThat(decoded.format()).isEqualTo(new PcmFormat(22050, 1));
        assertThat(decoded.duration().toMillis()).isBetween(29_000L, 31_000L);
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.wav");
        assertThatThrownBy(() -> decoder.decode(missing)).isInstanceOf(AudioDecodeException.class)
                .hasMessage("file not found: " + missing);
    }

    @Test
    void corruptWavHeaderIsReportedAsSuch() throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.write(bad, "RIFF\0\0\0\0WAVEjunkjunkjunkjunkjunkjunk".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> decoder.decode(bad)).isInstanceOf(AudioDecodeException.class)
                .hasMessageContaining("corrupt").hasMessageContaining(bad.toString());
    }

    @Test
    void compressedFormatWithoutFfmpegNamesTheMissingTool() throws Exception {
        Path mp3 = Files.write(dir.resolve("song.mp3"), new byte[] {(byte) 0xff, (byte) 0xfb, 0x50, 0});
        AudioFileDecoder noFfmpeg = new AudioFileDecoder(
                new FfmpegDecoder(dir.resolve("no-such-dir/ffmpeg").toString(), FfmpegDecoder.DEFAULT_FORMAT));
        assertThatThrownBy(() -> noFfmpeg.decode(mp3)).isInstanceOf(AudioDecodeException.class)
                .hasMessageContaining("ffmpeg is needed to decode song.mp3")
                .hasMessageContaining("was not found");
    }

    @Test
    void mp3ThroughFfmpegComesOutAt22050Mono() throws Exception {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg is not on PATH; skipping MP3 decoding");
        PcmFormat source = new PcmFormat(44100, 2);
        Path wav = TestAudio.writeWav(dir.resolve("c.wav"), source, TestAudio.tonePcm(source, 2.0, 3));
        DecodedAudio decoded = decoder.decode(TestAudio.encodeMp3(wav, dir.resolve("c.mp3")));
        assertThat(decoded.format()).isEqualTo(new PcmFormat(22050, 1));
        assertThat(decoded.decoder()).isEqualTo("ffmpeg");
        // MP3 adds encoder delay and padding: the length is close to, not exactly, 2 s.
        assertThat(decoded.duration().toMillis()).isBetween(1_950L, 2_150L);
        assertThat(rms(decoded.pcm())).isGreaterThan(0.1);
    }

    @Test
    void garbageThroughFfmpegIsRejectedWithFfmpegsReason() throws Exception {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg is not on PATH; skipping the ffmpeg error path");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not audio at all\n".repeat(50));
        assertThatThrownBy(() -> decoder.decode(text)).isInstanceOf(AudioDecodeException.class)
                .hasMessageContaining("ffmpeg could not decode").hasMessageContaining("notes.txt");
    }

    @Test
    void trackIdIsAContentHash() throws Exception {
        PcmFormat format = new PcmFormat(8000, 1);
        byte[] pcm = TestAudio.tonePcm(format, 0.1, 4);
        Path one = TestAudio.writeWav(dir.resolve("one.wav"), format, pcm);
        Path copy = Files.copy(one, dir.resolve("renamed copy.wav"));
        Path other = TestAudio.writeWav(dir.resolve("other.wav"), format, TestAudio.tonePcm(format, 0.1, 5));
        assertThat(TrackIds.ofFile(one)).hasSize(16).matches("[0-9a-f]{16}").isEqualTo(TrackIds.ofFile(copy))
                .isNotEqualTo(TrackIds.ofFile(other));
    }

    private static double rms(byte[] pcm) {
        double sum = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            double v = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8)) / 32768.0;
            sum += v * v;
        }
        return Math.sqrt(sum / (pcm.length / 2.0));
    }
}
