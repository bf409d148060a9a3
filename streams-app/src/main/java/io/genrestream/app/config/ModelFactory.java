package io.genrestream.app.config;

import io.genrestream.app.scoring.BundleLoad;
import io.genrestream.app.scoring.BundleSegmentModels;
import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.model.BundleMismatchException;
import io.genrestream.model.TorchThreads;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.VoteWeights;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The model side: the feature extractor (librosa defaults, the configuration every bundle is checked against), the
 * model bundle from {@code genre.bundle.path} (refused when trained on other features, or on other labels than
 * {@code genre.bundle.expected-labels} when that is set) and its scoring view.
 * {@code genre.vote.gru-weight} / {@code genre.vote.summary-weight} override the bundle's ensemble weights (both or
 * neither). {@code genre.scoring.torch-threads} sets PyTorch's thread pools before the bundle starts the engine.
 */
@Factory
public class ModelFactory {

    public static final String BUNDLE_PATH = "genre.bundle.path";
    public static final String EXPECTED_LABELS = "genre.bundle.expected-labels";
    public static final String GRU_WEIGHT = "genre.vote.gru-weight";
    public static final String SUMMARY_WEIGHT = "genre.vote.summary-weight";
    public static final String TORCH_THREADS = "genre.scoring.torch-threads";

    private static final Logger LOG = LoggerFactory.getLogger(ModelFactory.class);

    /**
     * The bundle's extractor: its configuration is the app's (librosa's defaults), and its summary row has the
     * bundle's columns (GTZAN's 57, or those and the columns beyond them).
     */
    @Singleton
    public FeatureExtractor featureExtractor(BundleLoad bundle) {
        return bundle.extractor();
    }

    /**
     * The bundle, loading in the background ({@link BundleLoad}) and closed with the context; its manifest is read
     * once and checked here, so a bundle of other features or labels, or one that lists a summary column the
     * extractor does not compute, fails the start at once. Each stream thread scores with its own
     * predictor, so PyTorch's own pool is one thread unless configured otherwise: with more, its threads and the
     * other stream threads compete for the same cores (docs/benchmarks.md, "PyTorch threads in the app").
     */
    @Singleton
    @Bean(preDestroy = "close")
    public BundleLoad modelBundle(@Property(name = BUNDLE_PATH) String path,
                                  @Property(name = TORCH_THREADS, defaultValue = "1") int torchThreads,
                                  @Property(name = EXPECTED_LABELS, defaultValue = "") List<String> expectedLabels)
            throws IOException {
        int threads = TorchThreads.setUnlessGiven(torchThreads);
        BundleLoad bundle = BundleLoad.start(Path.of(path), FeatureConfig.librosaDefaults());
        List<String> labels = bundle.manifest().labels();
        List<String> expected = expectedLabels.stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
        if (!expected.isEmpty() && !expected.equals(labels)) {
            bundle.close();
            // consumers of the genre topics depend on the label set: a bundle with another one must not go live
            throw new BundleMismatchException("bundle " + path + " has the labels " + labels + " but "
                    + EXPECTED_LABELS + " expects " + expected + " (in that order); set it to the bundle's labels, or "
                    + "leave it empty to accept any taxonomy", List.of("labels"));
        }
        LOG.info("Loading model bundle {} with labels {} in the background ({} PyTorch threads per call, set when "
                + "the engine starts)", path, labels, threads);
        return bundle;
    }

    /** The topology's view of the bundle. */
    @Singleton
    public SegmentModels segmentModels(BundleLoad bundle,
                                       @Nullable @Property(name = GRU_WEIGHT) Double gruWeight,
                                       @Nullable @Property(name = SUMMARY_WEIGHT) Double summaryWeight) {
        if ((gruWeight == null) != (summaryWeight == null)) {
            throw new IllegalArgumentException("set both " + GRU_WEIGHT + " and " + SUMMARY_WEIGHT
                    + " (or neither, to use the bundle's weights)");
        }
        EnsembleVoter voter = gruWeight == null ? null : new EnsembleVoter(new VoteWeights(gruWeight, summaryWeight),
                bundle.manifest().calibration());
        return new BundleSegmentModels(bundle, voter);
    }
}
