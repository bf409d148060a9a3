package io.genrestream.app.topology;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.features.FeatureConfig;
import io.genrestream.vote.EnsembleVoter;

import java.util.List;

/**
 * {@link ToneModels} with an injected fault: its scorer throws on any batch holding a segment whose mean spectral
 * centroid is above {@link #FAULT_ABOVE_HZ} (e.g. a 9 kHz tone), as a model that cannot score an input would. The
 * fault is what the error-handling tests need: after clipping, no valid audio makes the real pipeline throw
 * (FeatureExtractorProperties).
 */
final class FaultyToneModels implements SegmentModels {

    static final double FAULT_ABOVE_HZ = 6000;

    private final ToneModels tones;
    private final int centroidColumn;

    FaultyToneModels(FeatureConfig config) {
        this.tones = new ToneModels(config);
        this.centroidColumn = config.frameFeatures().indexOf(FeatureConfig.SPECTRAL_CENTROID);
    }

    @Override
    public List<String> labels() {
        return tones.labels();
    }

    @Override
    public double[] priors() {
        return tones.priors();
    }

    @Override
    public String version() {
        return "faulty-tone-test";
    }

    @Override
    public EnsembleVoter voter() {
        return tones.voter();
    }

    @Override
    public ThreadScorer acquire() {
        ThreadScorer inner = tones.acquire();
        return new ThreadScorer() {
            @Override
            public float[][] scoreFrames(float[][][] frames) {
                for (float[][] segment : frames) {
                    double sum = 0;
                    for (float[] frame : segment) {
                        sum += frame[centroidColumn];
                    }
                    if (sum / segment.length > FAULT_ABOVE_HZ) {
                        throw new IllegalArgumentException("injected fault: centroid " + sum / segment.length
                                + " Hz");
                    }
                }
                return inner.scoreFrames(frames);
            }

            @Override
            public float[][] scoreSummaries(float[][] summaries) {
                return inner.scoreSummaries(summaries);
            }

            @Override
            public String device() {
                return inner.device();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
