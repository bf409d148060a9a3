package io.genrestream.app.topology;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.features.FeatureConfig;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.NoveltyCheck;
import io.genrestream.vote.VoteWeights;

import java.util.List;

/**
 * Test scorer for the vote-wiring tests: deterministic "genres" derived from the segment's audio, so a test can
 * choose each segment's vote by the tone it sends. The genre is the band of the segment's mean spectral centroid
 * (taken from the real frame matrix the feature extractor computed): "low" near 300 Hz, "mid" near 1 kHz, "high" near
 * 4 kHz, as a softmax over the negative log-frequency distance to those centres. Both "models" return it.
 * The DJL path is tested with a real bundle ({@link TestBundle}).
 */
final class ToneModels implements SegmentModels {

    static final List<String> LABELS = List.of("low", "mid", "high");
    static final double[] CENTRES_HZ = {300, 1000, 4000};
    static final double[] PRIORS = {0.3, 0.3, 0.4};

    private final int centroidColumn;
    private final NoveltyCheck novelty;

    ToneModels(FeatureConfig config) {
        this(config, NoveltyCheck.NONE);
    }

    /** Tone models whose bundle carries {@code novelty}. */
    ToneModels(FeatureConfig config, NoveltyCheck novelty) {
        this.novelty = novelty;
        this.centroidColumn = config.frameFeatures().indexOf(FeatureConfig.SPECTRAL_CENTROID);
        if (centroidColumn < 0) {
            throw new IllegalArgumentException("frame matrix has no spectral centroid column");
        }
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }

    @Override
    public double[] priors() {
        return PRIORS.clone();
    }

    @Override
    public String version() {
        return "tone-test";
    }

    @Override
    public EnsembleVoter voter() {
        return new EnsembleVoter(VoteWeights.EQUAL);
    }

    @Override
    public NoveltyCheck novelty() {
        return novelty;
    }

    @Override
    public ThreadScorer acquire() {
        return new ThreadScorer() {
            @Override
            public float[][] scoreFrames(float[][][] frames) {
                float[][] out = new float[frames.length][];
                for (int i = 0; i < frames.length; i++) {
                    double sum = 0;
                    for (float[] frame : frames[i]) {
                        sum += frame[centroidColumn];
                    }
                    out[i] = probabilities(sum / frames[i].length);
                }
                return out;
            }

            @Override
            public float[][] scoreSummaries(float[][] summaries) {
                return null;
            }

            @Override
            public String device() {
                return "tone-test";
            }

            @Override
            public void close() {
                // nothing to release: no model
            }
        };
    }

    static float[] probabilities(double centroidHz) {
        double[] logits = new double[CENTRES_HZ.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < logits.length; g++) {
            logits[g] = -4 * Math.abs(Math.log(Math.max(centroidHz, 1) / CENTRES_HZ[g]) / Math.log(2));
            max = Math.max(max, logits[g]);
        }
        double total = 0;
        for (int g = 0; g < logits.length; g++) {
            logits[g] = Math.exp(logits[g] - max);
            total += logits[g];
        }
        float[] p = new float[logits.length];
        for (int g = 0; g < p.length; g++) {
            p[g] = (float) (logits[g] / total);
        }
        return p;
    }
}
