package io.genrestream.features;

import java.util.List;
import java.util.Objects;

/**
 * Everything that fixes the numbers a model sees: the extractor's parameters and the layout of a segment's
 * frame matrix. A model bundle stores it; the app refuses a bundle whose configuration differs from its own,
 * because a model fed other features than it was trained on answers confidently and wrongly.
 *
 * <p>Defaults are librosa's (0.8-0.10), which made the Kaggle GTZAN feature table.
 *
 * @param sampleRate      samples per second the extractor works at (librosa: 22050)
 * @param nFft            STFT window length in samples (2048)
 * @param hopLength       STFT hop in samples (512)
 * @param nMels           mel bands (128, Slaney scale and norm)
 * @param nMfcc           MFCC coefficients kept (20)
 * @param topDb           power_to_db floor below the peak (80 dB)
 * @param segmentSeconds  length of one scored segment (3.0)
 * @param centerPadding   how centred frames are padded at the edges: "zero" (librosa 0.9+) or "reflect" (up to 0.8)
 * @param frameFeatures   names of the per-frame features, in the column order of the frame matrix
 */
public record FeatureConfig(
        int sampleRate,
        int nFft,
        int hopLength,
        int nMels,
        int nMfcc,
        double topDb,
        double segmentSeconds,
        String centerPadding,
        List<String> frameFeatures) {

    public FeatureConfig {
        Objects.requireNonNull(centerPadding, "centerPadding");
        frameFeatures = List.copyOf(frameFeatures);
        if (sampleRate <= 0 || nFft <= 0 || hopLength <= 0 || nMels <= 0 || nMfcc <= 0 || segmentSeconds <= 0) {
            throw new IllegalArgumentException("feature parameters must be positive: " + sampleRate + "/" + nFft + "/"
                    + hopLength + "/" + nMels + "/" + nMfcc + "/" + segmentSeconds);
        }
    }

    /** Samples in one segment at {@link #sampleRate()}. */
    public int segmentSamples() {
        return (int) Math.round(segmentSeconds * sampleRate);
    }

    /** Frames in one segment's frame matrix: centred frames, as librosa counts them (1 + samples / hop). */
    public int framesPerSegment() {
        return 1 + segmentSamples() / hopLength;
    }

    /** Columns of one segment's frame matrix. */
    public int frameFeatureCount() {
        return frameFeatures.size();
    }
}
