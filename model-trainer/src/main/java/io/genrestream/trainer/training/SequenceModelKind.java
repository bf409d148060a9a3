package io.genrestream.trainer.training;

import ai.djl.nn.Block;
import io.genrestream.model.CellType;
import io.genrestream.model.CnnSpec;
import io.genrestream.model.GenreBlocks;
import io.genrestream.model.RecurrentReadout;
import io.genrestream.model.RecurrentSpec;

/**
 * The segment models compared on real audio: three recurrent models over a segment's frame matrix and a CNN over its
 * log-mel spectrogram, all built by genre-core's {@link GenreBlocks} (the blocks the app serves).
 */
public enum SequenceModelKind {
    /** GRU over the frame matrix. */
    GRU(CellType.GRU, false),
    /** LSTM over the frame matrix. */
    LSTM(CellType.LSTM, false),
    /** Bidirectional LSTM over the frame matrix. */
    BILSTM(CellType.LSTM, true),
    /** CNN over the log-mel spectrogram. */
    CNN(null, false);

    private final CellType cell;
    private final boolean bidirectional;

    SequenceModelKind(CellType cell, boolean bidirectional) {
        this.cell = cell;
        this.bidirectional = bidirectional;
    }

    /** Whether the model reads log-mel spectrograms (else frame matrices). */
    public boolean usesLogMel() {
        return this == CNN;
    }

    /** The recurrent spec (recurrent kinds only). */
    public RecurrentSpec recurrentSpec(Hyper hyper, int frames, int features, int classes) {
        if (cell == null) {
            throw new IllegalStateException(this + " is not a recurrent model");
        }
        return RecurrentSpec.builder().setFeatures(features).setFrames(frames).setClasses(classes).optCell(cell)
                .optLayers(hyper.layers()).optHiddenSize(hyper.hidden()).optBidirectional(bidirectional)
                .optDropout(hyper.dropout()).optReadout(hyper.readout()).build();
    }

    /** The block over inputs of {@code frames} x {@code columns} (frame features, or mel bands for the CNN). */
    public Block block(Hyper hyper, int frames, int columns, int classes) {
        if (this == CNN) {
            return GenreBlocks.cnn(CnnSpec.builder().setFrames(frames).setBands(columns).setClasses(classes)
                    .optChannels(hyper.cnnChannels()).optDropout(hyper.dropout()).build());
        }
        return GenreBlocks.recurrent(recurrentSpec(hyper, frames, columns, classes));
    }

    /**
     * The architecture and optimiser settings a search varies.
     *
     * @param hidden       recurrent state size
     * @param layers       recurrent layers
     * @param dropout      dropout (between recurrent layers; before the CNN's classifier)
     * @param cnnChannels  channels of the CNN's convolution blocks
     * @param learningRate Adam learning rate
     * @param readout      recurrent readout (last step or mean over time)
     */
    public record Hyper(int hidden, int layers, float dropout, int[] cnnChannels, float learningRate,
                        RecurrentReadout readout) {

        /** Every setting, for a run that compares several kinds of model. */
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "hidden=%d layers=%d dropout=%.2f readout=%s cnn=%s lr=%.5f",
                    hidden, layers, dropout, readout, java.util.Arrays.toString(cnnChannels), learningRate);
        }

        /** Only the settings {@code kind} uses: the CNN has no recurrent state, the recurrent models no channels. */
        public String describe(SequenceModelKind kind) {
            return kind == CNN
                    ? String.format(java.util.Locale.ROOT, "cnn=%s dropout=%.2f lr=%.5f",
                            java.util.Arrays.toString(cnnChannels), dropout, learningRate)
                    : String.format(java.util.Locale.ROOT, "hidden=%d layers=%d dropout=%.2f readout=%s lr=%.5f",
                            hidden, layers, dropout, readout, learningRate);
        }
    }
}
