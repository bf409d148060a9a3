package io.genrestream.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioDecoderTest {

    @TempDir
    Path dir;

    private Path write(AudioFileFormat.Type type, AudioFormat format, byte[] data, String name) throws IOException {
        Path file = dir.resolve(name);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize())) {
            AudioSystem.write(in, type, file.toFile());
        }
        return file;
    }

    @Test
    void stereoWavIsDownmixedAndScaled() throws IOException {
        AudioFormat fmt = new AudioFormat(44100f, 16, 2, true, false);
        // frames: (16384, -16384) -> 0, (16384, 16384) -> 0.5
        byte[] data = PcmCodec.encodeS16le(new float[] {0.5f, -0.5f, 0.5f, 0.5f});
        DecodedAudio a = AudioDecoder.read(write(AudioFileFormat.Type.WAVE, fmt, data, "s.wav"));
        assertThat(a.sampleRate()).isEqualTo(44100);
        assertThat(a.sourceChannels()).isEqualTo(2);
        assertThat(a.samples()).containsExactly(0f, 0.5f);
    }

    @Test
    void bigEndianAuIsRead() throws IOException {
        AudioFormat fmt = new AudioFormat(22050f, 16, 1, true, true);
        byte[] data = {0x40, 0x00, (byte) 0xc0, 0x00};
        DecodedAudio a = AudioDecoder.read(write(AudioFileFormat.Type.AU, fmt, data, "m.au"));
        assertThat(a.samples()).containsExactly(0.5f, -0.5f);
        assertThat(a.seconds()).isEqualTo(2 / 22050.0);
    }

    @Test
    void unsupportedEncodingsAreNamed() throws IOException {
        AudioFormat eightBit = new AudioFormat(8000f, 8, 1, true, false);
        Path wav8 = write(AudioFileFormat.Type.WAVE, eightBit, new byte[] {1, 2, 3, 4}, "8.wav");
        assertThatThrownBy(() -> AudioDecoder.read(wav8)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("8-bit").hasMessageContaining("supported is 16-bit signed PCM");
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000f, 8, 1, 1, 8000f, true);
        Path au = write(AudioFileFormat.Type.AU, ulaw, new byte[] {1, 2, 3, 4}, "u.au");
        assertThatThrownBy(() -> AudioDecoder.read(au)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("ULAW");
    }

    @Test
    void emptyCorruptAndTruncatedFilesAreRejected() throws IOException {
        Path empty = Files.write(dir.resolve("e.wav"), new byte[0]);
        assertThatThrownBy(() -> AudioDecoder.read(empty)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("empty");
        Path junk = Files.write(dir.resolve("j.wav"), "this is not a RIFF header at all".getBytes());
        assertThatThrownBy(() -> AudioDecoder.read(junk)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("not a readable WAV/AU");
        AudioFormat fmt = new AudioFormat(22050f, 16, 1, true, false);
        Path noSamples = write(AudioFileFormat.Type.WAVE, fmt, new byte[0], "n.wav");
        assertThatThrownBy(() -> AudioDecoder.read(noSamples)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("no samples");
    }

    @Test
    void gtzanAuFileDecodesAt22050Hz() throws IOException {
        Path data = Path.of(System.getProperty("genre.shared.data", "../shared/data"), "gtzan", "audio-dev");
        Path au = data.resolve("blues.00009.au");
        assumeThat(Files.exists(au)).as("shared GTZAN data missing at %s: skipping", au).isTrue();
        DecodedAudio a = AudioDecoder.read(au);
        assertThat(a.sampleRate()).isEqualTo(22050);
        assertThat(a.samples().length).isEqualTo(661794);
        float max = 0;
        for (float v : a.samples()) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isGreaterThan(0.05f).isLessThanOrEqualTo(1f);
    }
}
