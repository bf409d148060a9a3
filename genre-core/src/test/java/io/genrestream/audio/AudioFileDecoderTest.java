package io.genrestream.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioFileDecoderTest {

    @TempDir
    Path dir;

    private final AudioFileDecoder decoder = AudioFileDecoder.standard();

    @Test
    void wavAndBigEndianAuKeepTheirRateChannelsAndExactSamples() throws Exception {
        PcmFormat stereo = new PcmFormat(44100, 2);
        byte[] wavPcm = TestAudio.tonePcm(stereo, 0.8, 1);
        PcmFormat mono = new PcmFormat(22050, 1);
        byte[] auPcm = TestAudio.tonePcm(mono, 0.5, 2);
        DecodedPcm wav = decoder.decode(TestAudio.writeWav(dir.resolve("a.wav"), stereo, wavPcm));
        // AU is stored big-endian: the decoder converts it back to little-endian
        DecodedPcm au = decoder.decode(TestAudio.writeAu(dir.resolve("b.au"), mono, auPcm));
        assertThat(wav.format()).isEqualTo(stereo);
        assertThat(wav.pcm()).isEqualTo(wavPcm);
        assertThat(wav.decoder()).isEqualTo("javax.sound");
        assertThat(au.format()).isEqualTo(mono);
        assertThat(au.pcm()).isEqualTo(auPcm);
    }

    @Test
    void realGtzanAuFromSharedData() throws Exception {
        Path au = Path.of(System.getProperty("genre.shared.data", "../shared/data"), "gtzan/audio-dev/blues.00009.au");
        assumeTrue(Files.exists(au), "shared GTZAN data missing at " + au + ": skipping");
        DecodedPcm decoded = decoder.decode(au);
        assertThat(decoded.format()).isEqualTo(new PcmFormat(22050, 1));
        assertThat(decoded.duration().toMillis()).isBetween(29_000L, 31_000L);
        DecodedAudio mono = decoded.toMono();
        assertThat(mono.samples().length).isEqualTo(661794);
        float max = 0;
        for (float v : mono.samples()) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isGreaterThan(0.05f).isLessThanOrEqualTo(1f);
    }

    @Test
    void stereoWavToMonoIsDownmixedAndScaledAsLibrosa() throws Exception {
        // frames: (16384, -16384) -> 0, (16384, 16384) -> 0.5
        byte[] data = PcmCodec.encodeS16le(new float[] {0.5f, -0.5f, 0.5f, 0.5f});
        DecodedAudio a = decoder.decode(TestAudio.writeWav(dir.resolve("s.wav"), new PcmFormat(44100, 2), data))
                .toMono();
        assertThat(a.sampleRate()).isEqualTo(44100);
        assertThat(a.sourceChannels()).isEqualTo(2);
        assertThat(a.samples()).containsExactly(0f, 0.5f);
    }

    @Test
    void eightBitAndMuLawAreConvertedTo16Bit() throws Exception {
        // as measured here, the JDK widens 8-bit signed 64 to 0x4080 and -64 to 0xc000 (= -16384)
        Path wav8 = write(AudioFileFormat.Type.WAVE, new AudioFormat(8000f, 8, 1, true, false), new byte[] {64, -64},
                "8.wav");
        assertThat(decoder.decode(wav8).toMono().samples()).containsExactly(0x4080 / 32768f, -0.5f);
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000f, 8, 1, 1, 8000f, true);
        DecodedPcm au = decoder.decode(write(AudioFileFormat.Type.AU, ulaw, new byte[] {1, 2, 3, 4}, "u.au"));
        assertThat(au.format()).isEqualTo(new PcmFormat(8000, 1));
        assertThat(au.pcm()).hasSize(8);
    }

    @Test
    void aiffIsReadWithoutFfmpeg() throws Exception {
        AudioFileDecoder javaOnly = new AudioFileDecoder(
                new FfmpegDecoder(dir.resolve("no-such-dir/ffmpeg").toString(), FfmpegDecoder.DEFAULT_FORMAT));
        byte[] data = {0x40, 0x00, (byte) 0xc0, 0x00}; // big-endian 16384, -16384
        Path aiff = write(AudioFileFormat.Type.AIFF, new AudioFormat(22050f, 16, 1, true, true), data, "m.aiff");
        assertThat(javaOnly.decodeMono(aiff, 22050)).containsExactly(0.5f, -0.5f);
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRejected() throws Exception {
        Path empty = Files.write(dir.resolve("e.wav"), new byte[0]);
        assertThatThrownBy(() -> decoder.decode(empty)).isInstanceOf(AudioDecodeException.class)
                .hasMessageContaining("corrupt or unsupported header").hasMessageContaining("e.wav");
        Path noSamples = TestAudio.writeWav(dir.resolve("n.wav"), new PcmFormat(22050, 1), new byte[0]);
        assertThatThrownBy(() -> decoder.decode(noSamples)).isInstanceOf(AudioDecodeException.class)
                .hasMessageContaining("no audio in").hasMessageContaining("n.wav");
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
        DecodedPcm decoded = decoder.decode(TestAudio.encodeMp3(wav, dir.resolve("c.mp3")));
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

    private Path write(AudioFileFormat.Type type, AudioFormat format, byte[] data, String name) throws Exception {
        Path file = dir.resolve(name);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize())) {
            AudioSystem.write(in, type, file.toFile());
        }
        return file;
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
