package io.genrestream.app.scoring;

import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.NoveltyCheck;

import java.util.List;

/**
 * The scoring side of a model bundle as the topology sees it: labels, priors, the ensemble voter, and scorers bound
 * to the calling stream thread. Production: {@link BundleSegmentModels} over genre-core's {@code ModelBundle}.
 */
public interface SegmentModels {

    /** Genre labels, in the order of every probability vector. */
    List<String> labels();

    /** Class prior per label (training-data frequency), for the last tie-break. */
    double[] priors();

    /** Version of the bundle (content hash), stamped on every output. */
    String version();

    /** The segment voter (the bundle's ensemble weights). */
    EnsembleVoter voter();

    /** The bundle's check of a segment's distance to the training data; {@link NoveltyCheck#NONE} without one. */
    default NoveltyCheck novelty() {
        return NoveltyCheck.NONE;
    }

    /**
     * The scorer of the calling stream thread: created on its first acquisition by that thread, shared by the
     * thread's tasks, closed when the last of them releases it.
     */
    ThreadScorer acquire();

    /** Model calls of one stream thread; not thread-safe. */
    interface ThreadScorer extends AutoCloseable {

        /** GRU probabilities [batch][labels] for frame matrices [batch][frames][features], or null without GRU. */
        float[][] scoreFrames(float[][][] frames);

        /** Summary-model probabilities [batch][labels] for summary vectors [batch][57], or null without one. */
        float[][] scoreSummaries(float[][] summaries);

        /** Where the models run (e.g. {@code cpu()}), for the log. */
        String device();

        /** Releases this acquisition. */
        @Override
        void close();
    }
}
