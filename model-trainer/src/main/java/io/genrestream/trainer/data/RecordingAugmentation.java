package io.genrestream.trainer.data;

import io.genrestream.audio.FfmpegDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Another recording chain for a training clip, rendered by ffmpeg into an audio file: what differs between the
 * sources (studio mastering, radio EQ, band-limited transfers, lossy previews) drawn at random. Each copy gets a
 * bass and a treble shelf within ±{@code maxShelfDb}, a gain within ±{@code maxGainDb}, with some chance a band limit
 * (through a lower sample rate), and a lossy codec round trip (MP3 or AAC at 32-96 kbit/s, mono at 22050 Hz, the
 * rate the features are computed at).
 *
 * <p>The rendered file is named by the source file and the drawn chain, so it is made once and then read like any
 * clip (the {@link FeatureCache} keys on it).
 *
 * @param maxShelfDb largest shelf boost or cut in dB
 * @param maxGainDb  largest gain change in dB
 * @param seed       seed of the draws; a copy's chain depends only on (seed, file name, copy)
 */
public record RecordingAugmentation(double maxShelfDb, double maxGainDb, long seed) {

    private static final int[] BAND_LIMITS = {11025, 16000};
    private static final int[] BIT_RATES = {32, 48, 64, 96};

    public RecordingAugmentation {
        if (!(maxShelfDb >= 0) || !(maxGainDb >= 0) || Double.isInfinite(maxShelfDb) || Double.isInfinite(maxGainDb)) {
            throw new IllegalArgumentException("recording augmentation needs finite, non-negative shelf and gain, got "
                    + maxShelfDb + "/" + maxGainDb);
        }
    }

    /**
     * How copy {@code copy} of a file is rendered: ffmpeg's output arguments (filter chain, codec, bit rate) and the
     * file extension the codec's container needs.
     */
    public record Chain(List<String> outputArgs, String extension) {
    }

    /** The chain of copy {@code copy} of {@code file}. */
    public Chain chain(Path file, int copy) {
        Random random = new Random(java.util.Objects.hash(seed, file.getFileName().toString(), copy));
        double bass = (2 * random.nextDouble() - 1) * maxShelfDb;
        double treble = (2 * random.nextDouble() - 1) * maxShelfDb;
        double gain = (2 * random.nextDouble() - 1) * maxGainDb;
        StringBuilder filters = new StringBuilder(String.format(Locale.ROOT,
                "bass=g=%.1f:f=120,treble=g=%.1f:f=5000,volume=%.1fdB", bass, treble, gain));
        if (random.nextDouble() < 0.3) {
            int limit = BAND_LIMITS[random.nextInt(BAND_LIMITS.length)];
            filters.append(",aresample=").append(limit).append(",aresample=22050");
        }
        boolean aac = random.nextBoolean();
        int kbps = BIT_RATES[random.nextInt(BIT_RATES.length)];
        // a gain boost can push peaks over full scale: the limiter keeps the clip as a loud master would
        filters.append(",alimiter=limit=0.98");
        return new Chain(List.of("-af", filters.toString(), "-ac", "1", "-ar", "22050", "-c:a",
                aac ? "aac" : "libmp3lame", "-b:a", kbps + "k"), aac ? "m4a" : "mp3");
    }

    /** Renders copy {@code copy} of {@code file} into {@code directory} (once) and returns the rendered file. */
    public Path render(Path file, int copy, Path directory) throws IOException {
        Chain chain = chain(file, copy);
        String name = FeatureCache.sha256Hex(file.toAbsolutePath() + "|" + chain.outputArgs()).substring(0, 32);
        Path out = directory.resolve(name + "." + chain.extension());
        if (!Files.isRegularFile(out)) {
            Files.createDirectories(directory);
            Path partial = directory.resolve(out.getFileName() + ".part." + chain.extension());
            FfmpegDecoder.onPath().transcode(file, partial, chain.outputArgs());
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }
}
