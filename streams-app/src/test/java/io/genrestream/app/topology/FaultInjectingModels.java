package io.genrestream.app.topology;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.features.FeatureConfig;
import io.genrestream.vote.EnsembleVoter;

import java.util.List;

/**
 * Models with an injected fault: the scorer throws on any batch holding a segment whose mean spectral centroid is
 * above {@code faultAboveHz} (e.g. a 9 kHz tone), as a model that cannot score an input would, and otherwise scores
 * with the wrapped models. The fault is what the error-handling tests need: after clipping, no valid audio makes the
 * real pipeline throw (FeatureExtractorProperties).
 */
public final class FaultInjectingModels implements SegmentModels {

    private final SegmentModels models;
    private final int centroidColumn;
    private final double faultAboveHz;

    public FaultInjectingModels(SegmentModels models, FeatureConfig config, double faultAboveHz) {
        this.models = models;
        this.centroidColumn = config.frameFeatures().indexOf(FeatureConfig.SPECTRAL_CENTROID);
        this.faultAboveHz = faultAboveHz;
    }

    @Override
    public List<String> labels() {
        return models.labels();
    }

    @Override
    public double[] priors() {
        return models.priors();
    }

    @Override
    public String version() {
        return models.version();
    }

    @Override
    public EnsembleVoter voter() {
        return models.voter();
    }

    @Override
    public ThreadScorer acquire() {
        ThreadScorer inner = models.acquire();
        return new ThreadScorer() {
            @Override
            public float[][] scoreFrames(float[][][] frames) {
                for (float[][] segment : frames) {
                    double sum = 0;
                    for (float[] frame : segment) {
                        sum += frame[centroidColumn];
                    }
                    if (sum / segment.length > faultAboveHz) {
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
