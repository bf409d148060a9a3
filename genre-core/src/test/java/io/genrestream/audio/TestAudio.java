package io.genrestream.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Test audio files written with javax.sound.sampled (also used by the producer's tests, from the test jar). */
public final class TestAudio {

    private TestAudio() {
    }

    /** Signed 16-bit little-endian PCM: a 440 Hz tone plus seeded noise. */
    public static byte[] tonePcm(PcmFormat format, double seconds, long seed) {
        int frames = (int) Math.round(seconds * format.sampleRate());
        byte[] pcm = new byte[frames * format.frameBytes()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < format.channels(); c++) {
                double value = 0.5 * Math.sin(2 * Math.PI * 440 * (c + 1) * f / format.sampleRate())
                        + 0.05 * (random.nextDouble() - 0.5);
                short sample = (short) Math.round(value * Short.MAX_VALUE);
                int at = f * format.frameBytes() + c * 2;
                pcm[at] = (byte) sample;
                pcm[at + 1] = (byte) (sample >> 8);
            }
        }
        return pcm;
    }

    /** Writes {@code pcm} (s16le) as a WAV file. */
    public static Path writeWav(Path file, PcmFormat format, byte[] pcm) throws IOException {
        return write(file, format, pcm, AudioFileFormat.Type.WAVE);
    }

    /** Writes {@code pcm} (s16le) as a Sun AU file (which javax.sound stores big-endian). */
    public static Path writeAu(Path file, PcmFormat format, byte[] pcm) throws IOException {
        return write(file, format, pcm, AudioFileFormat.Type.AU);
    }

    private static Path write(Path file, PcmFormat format, byte[] pcm, AudioFileFormat.Type type) throws IOException {
        AudioFormat audioFormat = new AudioFormat(format.sampleRate(), 16, format.channels(), true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), audioFormat,
                pcm.length / format.frameBytes())) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AudioSystem.write(in, type, file.toFile());
        }
        return file;
    }


    /** True when ffmpeg is on PATH. */
    public static boolean ffmpegAvailable() {
        return FfmpegDecoder.onPath().isAvailable();
    }

    /** Encodes a WAV file to MP3 with ffmpeg (callers check {@link #ffmpegAvailable()} first). */
    public static Path encodeMp3(Path wav, Path mp3) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), mp3.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("ffmpeg could not encode " + wav + ": " + output);
        }
        return mp3;
    }
}
