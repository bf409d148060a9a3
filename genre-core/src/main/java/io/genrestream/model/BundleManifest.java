package io.genrestream.model;

import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.vote.Calibration;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.NoveltyCheck;
import io.genrestream.vote.VoteWeights;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Content of a bundle's {@code bundle.json}: everything besides the parameters needed to serve the models exactly as
 * they were trained and evaluated.
 *
 * @param formatVersion  bundle format ({@link #FORMAT_VERSION})
 * @param labels         genre labels in model output order (any taxonomy: GTZAN's 10, Emotify's 4, ...)
 * @param featureConfig  the feature extractor's configuration the models were trained with
 * @param summaryColumns summary feature names in the summary model's input order
 * @param gru            the segment sequence model, or {@code null}
 * @param summary        the summary-feature model, or {@code null}
 * @param classPriors    class frequency of each label in the training data (sums to 1)
 * @param voteWeights    ensemble weights for segment votes
 * @param calibration    temperatures and the unknown threshold fitted on out-of-fold predictions
 *                       ({@link Calibration#NONE} when the bundle predates calibration)
 * @param metrics        evaluation summary (e.g. CV accuracy), free-form
 * @param trainingData   description of the training data, free-form
 * @param novelty        the summary features' training distribution and the distance beyond which a verdict is
 *                       unknown, over all summary columns or the leading ones ({@link NoveltyCheck#NONE} when the
 *                       bundle predates it)
 */
public record BundleManifest(int formatVersion, List<String> labels, FeatureConfig featureConfig,
                             List<String> summaryColumns, BundledModel gru, BundledModel summary,
                             double[] classPriors, VoteWeights voteWeights, Calibration calibration,
                             Map<String, Object> metrics, Map<String, Object> trainingData, NoveltyCheck novelty) {

    /** Format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public BundleManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("bundle format version " + formatVersion + " is not supported (this"
                    + " code reads version " + FORMAT_VERSION + ")");
        }
        if (labels == null || labels.size() < 2 || labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("a bundle needs at least two distinct genre labels, got " + labels);
        }
        labels = List.copyOf(labels);
        if (featureConfig == null) {
            throw new IllegalArgumentException("a bundle needs the feature configuration it was trained with");
        }
        summaryColumns = summaryColumns == null ? List.of() : List.copyOf(summaryColumns);
        if (gru == null && summary == null) {
            throw new IllegalArgumentException("a bundle needs at least one model (gru or summary)");
        }
        if (summary != null && summary.normalization().features() != summaryColumns.size()) {
            throw new IllegalArgumentException("summary model normalises " + summary.normalization().features()
                    + " features but the bundle lists " + summaryColumns.size() + " summary columns");
        }
        if (gru != null && gru.normalization().features() != featureConfig.frameFeatureCount()) {
            throw new IllegalArgumentException("GRU normalises " + gru.normalization().features()
                    + " features but the feature configuration has " + featureConfig.frameFeatureCount());
        }
        if (classPriors == null || classPriors.length != labels.size()) {
            throw new IllegalArgumentException("need one class prior per label (" + labels.size() + ")");
        }
        classPriors = classPriors.clone();
        if (voteWeights == null) {
            voteWeights = VoteWeights.EQUAL;
        }
        if (calibration == null) {
            calibration = Calibration.NONE;
        }
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        trainingData = trainingData == null ? Map.of() : Map.copyOf(trainingData);
        if (novelty == null) {
            novelty = NoveltyCheck.NONE;
        }
        if (novelty.enabled() && novelty.mean().length > summaryColumns.size()) {
            throw new IllegalArgumentException("the novelty check measures " + novelty.mean().length
                    + " features but the bundle lists only " + summaryColumns.size() + " summary columns");
        }
    }

    /** A manifest without a novelty check. */
    public BundleManifest(int formatVersion, List<String> labels, FeatureConfig featureConfig,
                          List<String> summaryColumns, BundledModel gru, BundledModel summary, double[] classPriors,
                          VoteWeights voteWeights, Calibration calibration, Map<String, Object> metrics,
                          Map<String, Object> trainingData) {
        this(formatVersion, labels, featureConfig, summaryColumns, gru, summary, classPriors, voteWeights, calibration,
                metrics, trainingData, NoveltyCheck.NONE);
    }

    @Override
    public double[] classPriors() {
        return classPriors.clone();
    }

    /** A feature extractor for this bundle's models: its feature configuration and summary columns. */
    public FeatureExtractor extractor() {
        return FeatureExtractor.builder().setConfig(featureConfig).optSummaryColumns(summaryColumns).build();
    }

    /** The segment voter with the bundle's vote weights and calibration. */
    public EnsembleVoter voter() {
        return new EnsembleVoter(voteWeights, calibration);
    }

    /** The bundled model for {@code role}, or {@code null} when the bundle has none. */
    public BundledModel model(ModelRole role) {
        return role == ModelRole.GRU ? gru : summary;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BundleManifest m && m.formatVersion == formatVersion && m.labels.equals(labels)
                && m.featureConfig.equals(featureConfig) && m.summaryColumns.equals(summaryColumns)
                && java.util.Objects.equals(m.gru, gru) && java.util.Objects.equals(m.summary, summary)
                && Arrays.equals(m.classPriors, classPriors) && m.voteWeights.equals(voteWeights)
                && m.calibration.equals(calibration)
                && m.metrics.equals(metrics) && m.trainingData.equals(trainingData) && m.novelty.equals(novelty);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(labels, featureConfig, summaryColumns, gru, summary, voteWeights, calibration)
                + Arrays.hashCode(classPriors);
    }

    @Override
    public String toString() {
        return "BundleManifest[labels=" + labels + ", gru=" + (gru != null) + ", summary=" + (summary != null) + "]";
    }
}
