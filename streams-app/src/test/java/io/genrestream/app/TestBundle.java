package io.genrestream.app;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.BundledModel;
import io.genrestream.model.GenreBlocks;
import io.genrestream.model.MlpSpec;
import io.genrestream.model.ModelArchitecture;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.model.Normalization;
import io.genrestream.model.RecurrentSpec;
import io.genrestream.vote.VoteWeights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small real model bundle for tests, written with genre-core's model code: a 1-layer GRU (hidden 16) over the
 * default 37-column frame matrix and an MLP (one hidden layer of 16) over the 57 summary features, GTZAN's ten labels,
 * weights initialised by the PyTorch engine from a fixed seed (untrained: its verdicts are deterministic, not
 * meaningful).
 */
public final class TestBundle {

    public static final List<String> GTZAN_LABELS = List.of("blues", "classical", "country", "disco", "hiphop",
            "jazz", "metal", "pop", "reggae", "rock");
    private static final int SEED = 42;

    private TestBundle() {
    }

    /** Writes the bundle into {@code dir} and returns it. */
    public static Path write(Path dir) throws IOException {
        return write(dir, SummaryFeatures.COLUMNS);
    }

    /** Writes a bundle whose summary model reads {@code summaryColumns} into {@code dir} and returns it. */
    public static Path write(Path dir, List<String> summaryColumns) throws IOException {
        FeatureConfig config = FeatureConfig.librosaDefaults();
        int labels = GTZAN_LABELS.size();
        RecurrentSpec gruSpec = RecurrentSpec.builder().setFeatures(config.frameFeatureCount())
                .setFrames(config.framesPerSegment()).setClasses(labels).optLayers(1).optHiddenSize(16)
                .optDropout(0).build();
        MlpSpec mlpSpec = MlpSpec.builder().setInputs(summaryColumns.size()).setClasses(labels)
                .optHidden(List.of(16)).build();
        Engine.getEngine(ModelBundle.ENGINE).setRandomSeed(SEED);
        try (Model gru = initialised("gru", GenreBlocks.recurrent(gruSpec),
                new Shape(1, config.framesPerSegment(), config.frameFeatureCount()));
             Model summary = initialised("summary", GenreBlocks.summaryMlp(mlpSpec),
                     new Shape(1, summaryColumns.size()))) {
            double[] priors = new double[labels];
            java.util.Arrays.fill(priors, 1.0 / labels);
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, GTZAN_LABELS, config,
                    summaryColumns,
                    new BundledModel(ModelArchitecture.of(gruSpec).fileName(ModelRole.GRU),
                            ModelArchitecture.of(gruSpec), Normalization.identity(config.frameFeatureCount())),
                    new BundledModel(ModelArchitecture.of(mlpSpec).fileName(ModelRole.SUMMARY),
                            ModelArchitecture.of(mlpSpec), Normalization.identity(summaryColumns.size())),
                    priors, VoteWeights.EQUAL, null, Map.of(), Map.of("data", "none: untrained fixed-seed test weights"));
            ModelBundle.write(dir, manifest, Map.of(ModelRole.GRU, gru, ModelRole.SUMMARY, summary), Map.of(),
                    "# streams-app test bundle\nUntrained, fixed-seed weights for tests only.\n");
        }
        return dir;
    }

    private static Model initialised(String name, Block block, Shape inputShape) {
        Model model = Model.newInstance(name, Engine.getEngine(ModelBundle.ENGINE).defaultDevice(),
                ModelBundle.ENGINE);
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
        return model;
    }
}
