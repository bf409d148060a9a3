package io.genrestream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.genrestream.features.FeatureConfig;
import io.genrestream.vote.Calibration;
import io.genrestream.vote.NoveltyCheck;
import io.genrestream.vote.VoteWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    @TempDir
    Path dir;

    // a test may make either model a seed ensemble (fresh instances per test)
    private RecurrentSpec gruSpec = RecurrentSpec.builder().setFeatures(5).setFrames(TestBundles.FRAMES)
            .setClasses(4).optHiddenSize(16).optBidirectional(true).build();
    private MlpSpec mlpSpec = MlpSpec.builder().setInputs(7).setClasses(4).optHidden(List.of(16)).build();

    private static final NoveltyCheck NOVELTY = new NoveltyCheck(new double[7], new double[] {1, 2, 1, 1, 1, 1, 1},
            new double[][] {{1, 0.5, 0, 0, 0, 0, 0}, {0.5, 1, 0, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0, 0},
                {0, 0, 0, 1, 0, 0, 0}, {0, 0, 0, 0, 1, 0, 0}, {0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 1}}, 3.5);

    private BundleManifest manifest(Normalization gruNorm, Normalization summaryNorm) {
        return new BundleManifest(BundleManifest.FORMAT_VERSION, TestBundles.EMOTIFY_LABELS,
                TestBundles.featureConfig(), TestBundles.SUMMARY_COLUMNS,
                new BundledModel("gru-0000.params", ModelArchitecture.of(gruSpec), gruNorm),
                new BundledModel("summary-0000.params", ModelArchitecture.of(mlpSpec), summaryNorm),
                new double[] {0.25, 0.25, 0.3, 0.2}, new VoteWeights(0.6, 0.4),
                new Calibration(1.5, 0.8, 0.7, 0.4),
                Map.of("cvAccuracy", 0.5), Map.of("table", "synthetic test rows"), NOVELTY);
    }

    private String writeBundle(Path target, Model gru, Model summary) throws Exception {
        float[][][] segments = TestBundles.segments(40, 1);
        float[][] rows = TestBundles.rows(40, 2);
        return ModelBundle.write(target, manifest(Normalization.fitFrames(segments), Normalization.fit(rows)),
                Map.of(ModelRole.GRU, gru, ModelRole.SUMMARY, summary), Map.of(), "# test bundle\n");
    }

    /** Writes a bundle of freshly initialised models into {@code target}. */
    private void writeFreshBundle(Path target) throws Exception {
        try (Model gru = TestBundles.initialised("gru", GenreBlocks.recurrent(gruSpec),
                new Shape(1, TestBundles.FRAMES, 5));
             Model summary = TestBundles.initialised("summary", GenreBlocks.summaryMlp(mlpSpec), new Shape(1, 7))) {
            writeBundle(target, gru, summary);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,0,1", "3,0,2", "2,2,1"})
    void reloadedBundleGivesIdenticalPredictions(int summaryMembers, int viewMembers, int gruMembers)
            throws Exception {
        mlpSpec = mlpSpec.withMembers(summaryMembers).withView(4, viewMembers);
        gruSpec = gruSpec.withMembers(gruMembers);
        float[][][] segments = TestBundles.segments(6, 3);
        float[][] rows = TestBundles.rows(6, 4);
        float[][] gruBefore;
        float[][] summaryBefore;
        try (Model gru = TestBundles.initialised("gru", GenreBlocks.recurrent(gruSpec),
                new Shape(1, TestBundles.FRAMES, 5));
             Model summary = TestBundles.initialised("summary", GenreBlocks.summaryMlp(mlpSpec), new Shape(1, 7))) {
            writeBundle(dir, gru, summary);
            BundleManifest m = ModelBundle.readManifest(dir);
            try (var p = gru.newPredictor(new SoftmaxTranslator(m.gru().normalization(), 4));
                 var q = summary.newPredictor(new SoftmaxTranslator(m.summary().normalization(), 4))) {
                gruBefore = p.predict(FloatBatch.ofSegments(segments));
                summaryBefore = q.predict(FloatBatch.ofRows(rows));
            }
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("bundle.json", "gru-0000.params", "summary-0000.params", "model-card.md");

        try (ModelBundle bundle = ModelBundle.load(dir, TestBundles.featureConfig());
             BatchScorer gruScorer = bundle.newScorer(ModelRole.GRU);
             BatchScorer summaryScorer = bundle.newScorer(ModelRole.SUMMARY)) {
            assertThat(bundle.labels()).containsExactlyElementsOf(TestBundles.EMOTIFY_LABELS);
            assertThat(bundle.manifest()).isEqualTo(ModelBundle.readManifest(dir));
            assertThat(bundle.manifest().voteWeights()).isEqualTo(new VoteWeights(0.6, 0.4));
            assertThat(bundle.manifest().calibration()).isEqualTo(new Calibration(1.5, 0.8, 0.7, 0.4));
            assertThat(bundle.manifest().novelty()).isEqualTo(NOVELTY);
            // a bundle.json written before the novelty check existed reads as NONE (older bundles keep working)
            BundleManifest read = bundle.manifest();
            assertThat(new BundleManifest(read.formatVersion(), read.labels(), read.featureConfig(),
                    read.summaryColumns(), read.gru(), read.summary(), read.classPriors(), read.voteWeights(),
                    read.calibration(), read.metrics(), read.trainingData(), null).novelty())
                    .isEqualTo(NoveltyCheck.NONE);
            assertThat(bundle.verdictRule().labels()).isEqualTo(TestBundles.EMOTIFY_LABELS);
            float[][] gruAfter = gruScorer.scoreSegments(segments);
            float[][] summaryAfter = summaryScorer.scoreRows(rows);
            assertThat(gruAfter).isDeepEqualTo(gruBefore);
            assertThat(summaryAfter).isDeepEqualTo(summaryBefore);
            assertThat(gruAfter[0]).hasSize(4);
            float sum = 0;
            for (float v : gruAfter[0]) {
                sum += v;
            }
            assertThat(sum).isBetween(0.999f, 1.001f);
            assertThat(bundle.version()).hasSize(64).isEqualTo(ModelBundle.contentHash(dir));
        }
    }

    @Test
    void bundleJsonWritesMapsByKeySoThatTheSameTrainingGivesTheSameVersion() throws Exception {
        BundleManifest m = manifest(Normalization.identity(5), Normalization.identity(7));
        java.util.Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        for (String key : List.of("selectiveAccuracy", "ece", "weightSearch", "unknownThreshold", "coverage",
                "noveltyThreshold", "accuracy", "perSource")) {
            metrics.put(key, key.length());
        }
        BundleManifest many = new BundleManifest(m.formatVersion(), m.labels(), m.featureConfig(),
                m.summaryColumns(), m.gru(), m.summary(), m.classPriors(), m.voteWeights(), m.calibration(),
                metrics, Map.of("tracks", 3, "audio", "a", "table", "t", "segments", 9), m.novelty());
        com.fasterxml.jackson.databind.JsonNode written = ModelBundle.json().readTree(
                ModelBundle.json().writeValueAsString(many));
        List<String> keys = new java.util.ArrayList<>();
        written.get("metrics").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSorted().hasSize(8);
        keys.clear();
        written.get("trainingData").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("audio", "segments", "table", "tracks");
    }

    @Test
    void aNoveltyCheckMayMeasureTheLeadingSummaryColumnsButNotMoreThanThereAre() {
        BundleManifest m = manifest(Normalization.identity(5), Normalization.identity(7));
        NoveltyCheck leading = new NoveltyCheck(new double[3], new double[] {1, 1, 1},
                new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 2);
        BundleManifest withLeading = new BundleManifest(m.formatVersion(), m.labels(), m.featureConfig(),
                m.summaryColumns(), m.gru(), m.summary(), m.classPriors(), m.voteWeights(), m.calibration(),
                m.metrics(), m.trainingData(), leading);
        assertThat(withLeading.novelty().mean()).hasSize(3);
        NoveltyCheck tooWide = new NoveltyCheck(new double[8], new double[] {1, 1, 1, 1, 1, 1, 1, 1},
                java.util.stream.IntStream.range(0, 8).mapToObj(i -> {
                    double[] row = new double[8];
                    row[i] = 1;
                    return row;
                }).toArray(double[][]::new), 2);
        assertThatThrownBy(() -> new BundleManifest(m.formatVersion(), m.labels(), m.featureConfig(),
                m.summaryColumns(), m.gru(), m.summary(), m.classPriors(), m.voteWeights(), m.calibration(),
                m.metrics(), m.trainingData(), tooWide))
                .hasMessageContaining("measures 8 features but the bundle lists only 7 summary columns");
    }

    @Test
    void refusesAParameterFileThatDjlWouldSkip() throws Exception {
        writeFreshBundle(dir);
        // without DJL's header, DJL's own load returns quietly and leaves the block untrained
        Files.writeString(dir.resolve("summary-0000.params"), "not parameters");
        assertThatThrownBy(() -> ModelBundle.load(dir, TestBundles.featureConfig()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot load the SUMMARY model summary-0000.params")
                .hasMessageContaining("is not a DJL parameter file");
    }

    @Test
    void refusesBundleOfAnotherFeatureConfiguration() throws Exception {
        writeFreshBundle(dir);
        FeatureConfig other = new FeatureConfig(16000, 2048, 256, 128, 20, 80.0, 3.0, "zero",
                TestBundles.FRAME_FEATURES);
        assertThatThrownBy(() -> ModelBundle.load(dir, other))
                .isInstanceOf(BundleMismatchException.class)
                .hasMessageContaining("differing fields [sampleRate, hopLength]")
                .hasMessageContaining("sampleRate: bundle 22050, extractor 16000")
                .satisfies(e -> assertThat(((BundleMismatchException) e).differingFields())
                        .containsExactly("sampleRate", "hopLength"));
    }

    @Test
    void contentHashChangesWithAParameter() throws Exception {
        try (Model gru = TestBundles.initialised("gru", GenreBlocks.recurrent(gruSpec),
                new Shape(1, TestBundles.FRAMES, 5));
             Model summary = TestBundles.initialised("summary", GenreBlocks.summaryMlp(mlpSpec), new Shape(1, 7))) {
            String first = writeBundle(dir.resolve("a"), gru, summary);
            String same = writeBundle(dir.resolve("b"), gru, summary);
            Parameter weight = summary.getBlock().getParameters().valueAt(0);
            NDArray w = weight.getArray();
            w.set(new ai.djl.ndarray.index.NDIndex("0, 0"), w.getFloat(0, 0) + 0.001f);
            String changed = writeBundle(dir.resolve("c"), gru, summary);
            assertThat(same).isEqualTo(first);
            assertThat(changed).isNotEqualTo(first);
            assertThat(ModelBundle.contentHash(dir.resolve("c"))).isEqualTo(changed);
        }
    }

    @Test
    void missingFilesGiveClearErrors() throws Exception {
        assertThatThrownBy(() -> ModelBundle.load(dir, TestBundles.featureConfig()))
                .hasMessageContaining("bundle.json missing");
        writeFreshBundle(dir);
        Files.delete(dir.resolve("gru-0000.params"));
        assertThatThrownBy(() -> ModelBundle.load(dir, TestBundles.featureConfig()))
                .hasMessageContaining("gru-0000.params");
    }
}
