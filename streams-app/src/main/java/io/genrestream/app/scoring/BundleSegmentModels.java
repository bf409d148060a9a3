package io.genrestream.app.scoring;

import io.genrestream.model.BatchScorer;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.NoveltyCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SegmentModels} over a {@link BundleLoad}: labels, priors, voter and novelty check come from the bundle's
 * manifest at once; scoring waits for the models. Each stream thread gets its own DJL predictors (one per bundled
 * model; a Predictor is not thread-safe), reference-counted across the thread's tasks.
 */
public final class BundleSegmentModels implements SegmentModels {

    private static final Logger LOG = LoggerFactory.getLogger(BundleSegmentModels.class);

    private final BundleLoad bundle;
    private final BundleManifest manifest;
    private final EnsembleVoter voter;
    private final Map<Thread, Shared> byThread = new ConcurrentHashMap<>();

    /** Scores with {@code bundle} once loaded; {@code voter} null means the bundle's own ensemble weights. */
    public BundleSegmentModels(BundleLoad bundle, EnsembleVoter voter) {
        this.bundle = bundle;
        this.manifest = bundle.manifest();
        this.voter = voter == null ? manifest.voter() : voter;
    }

    /** Scores with a loaded {@code bundle}; {@code voter} null means the bundle's own ensemble weights. */
    public BundleSegmentModels(ModelBundle bundle, EnsembleVoter voter) {
        this(BundleLoad.of(bundle), voter);
    }

    @Override
    public List<String> labels() {
        return manifest.labels();
    }

    @Override
    public double[] priors() {
        return manifest.classPriors();
    }

    /** The bundle's content hash: waits for the models, as it covers their files. */
    @Override
    public String version() {
        return bundle.get().version();
    }

    @Override
    public EnsembleVoter voter() {
        return voter;
    }

    @Override
    public NoveltyCheck novelty() {
        return manifest.novelty();
    }

    @Override
    public ThreadScorer acquire() {
        Thread thread = Thread.currentThread();
        Shared shared = byThread.computeIfAbsent(thread, t -> {
            ModelBundle loaded = bundle.get();
            Shared s = new Shared(thread, loaded);
            LOG.info("Stream thread {} scores with bundle {} on DJL device {} (engine {})", t.getName(),
                    loaded.version().substring(0, 12), loaded.device(), ModelBundle.ENGINE);
            return s;
        });
        shared.users++;
        return shared;
    }

    /** The predictors of one thread. */
    private final class Shared implements ThreadScorer {
        private final Thread owner;
        private final String device;
        private final BatchScorer gru;
        private final BatchScorer summary;
        private int users;

        Shared(Thread owner, ModelBundle bundle) {
            this.owner = owner;
            this.device = bundle.device().toString();
            this.gru = bundle.has(ModelRole.GRU) ? bundle.newScorer(ModelRole.GRU) : null;
            this.summary = bundle.has(ModelRole.SUMMARY) ? bundle.newScorer(ModelRole.SUMMARY) : null;
        }

        @Override
        public float[][] scoreFrames(float[][][] frames) {
            return gru == null ? null : gru.scoreSegments(frames);
        }

        @Override
        public float[][] scoreSummaries(float[][] summaries) {
            return summary == null ? null : summary.scoreRows(summaries);
        }

        @Override
        public String device() {
            return device;
        }

        @Override
        public void close() {
            if (--users > 0) {
                return;
            }
            byThread.remove(owner, this);
            if (gru != null) {
                gru.close();
            }
            if (summary != null) {
                summary.close();
            }
        }
    }
}
