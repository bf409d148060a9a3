package io.genrestream.trainer.training;

import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.CellType;
import io.genrestream.model.RecurrentSpec;
import picocli.CommandLine.Option;

/** Options of the commands that train the recurrent segment model ({@code train-gru}, {@code distil-gru}). */
public final class RecurrentTrainingOptions {

    @Option(names = "--segments-per-track", defaultValue = "10", description = "segments per track at most (default ${DEFAULT-VALUE})")
    public int segmentsPerTrack;

    @Option(names = "--cell", defaultValue = "GRU", description = "GRU or LSTM (default ${DEFAULT-VALUE})")
    public CellType cell;

    @Option(names = "--layers", defaultValue = "2", description = "recurrent layers (default ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--hidden", defaultValue = "64", description = "state size (default ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--bidirectional", description = "also read segments backwards")
    boolean bidirectional;

    @Option(names = "--dropout", defaultValue = "0.2", description = "dropout between layers (default ${DEFAULT-VALUE})")
    float dropout;

    @Option(names = "--epochs", defaultValue = "40", description = "epochs at most (default ${DEFAULT-VALUE})")
    public int epochs;

    @Option(names = "--patience", defaultValue = "8", description = "early-stopping patience (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--batch-size", defaultValue = "32", description = "segments per batch (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default ${DEFAULT-VALUE})")
    public long seed;

    /** The architecture these options describe, over the frame matrices of {@code config}. */
    public RecurrentSpec spec(FeatureConfig config, int classes) {
        return RecurrentSpec.builder().setFeatures(config.frameFeatureCount()).setFrames(config.framesPerSegment())
                .setClasses(classes).optCell(cell).optLayers(layers).optHiddenSize(hidden)
                .optBidirectional(bidirectional).optDropout(dropout).build();
    }

    public GruTrainer.Settings settings() {
        return new GruTrainer.Settings(learningRate, 1e-4f, batchSize, epochs, patience, seed);
    }

    /** Softmax of every segment, scored {@code --batch-size} at a time. */
    public float[][] scoreSegments(BatchScorer scorer, float[][][] segments) {
        return scorer.scoreSegments(segments, batchSize);
    }
}
