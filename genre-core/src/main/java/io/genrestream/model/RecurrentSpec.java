package io.genrestream.model;

/**
 * Architecture of the segment sequence model: recurrent layers over a segment's frame matrix
 * [batch, frames, features], the last time step (both directions when bidirectional), then a linear layer to
 * the class logits; with {@code members > 1} a seed ensemble of that many such models, trained apart, whose softmax
 * probabilities are averaged ({@link GenreBlocks#recurrent}). Stored in the model bundle so the app rebuilds exactly
 * the trained block.
 *
 * @param cell          GRU or LSTM
 * @param layers        stacked recurrent layers
 * @param hiddenSize    state size per direction
 * @param bidirectional whether each layer also reads the segment backwards
 * @param dropout       dropout between recurrent layers (0 = none)
 * @param features      columns of the frame matrix
 * @param frames        frames per segment (rows of the frame matrix)
 * @param classes       genres (output logits)
 * @param readout       how the output sequence becomes the classifier's input ({@code null}, as in bundles written
 *                      before it existed, means {@link RecurrentReadout#LAST})
 * @param members       models in the ensemble; 0 (absent in a {@code bundle.json} written before ensembles) reads
 *                      as 1
 */
public record RecurrentSpec(CellType cell, int layers, int hiddenSize, boolean bidirectional, float dropout,
                            int features, int frames, int classes, RecurrentReadout readout, int members) {

    /** Default cell. */
    public static final CellType DEFAULT_CELL = CellType.GRU;
    /** Default number of layers. */
    public static final int DEFAULT_LAYERS = 2;
    /** Default state size. */
    public static final int DEFAULT_HIDDEN_SIZE = 64;
    /** Default dropout between layers. */
    public static final float DEFAULT_DROPOUT = 0.2f;

    public RecurrentSpec {
        readout = readout == null ? RecurrentReadout.LAST : readout;
        members = members == 0 ? 1 : members;
        if (cell == null) {
            throw new IllegalArgumentException("recurrent cell type missing");
        }
        if (layers < 1 || hiddenSize < 1 || features < 1 || frames < 1 || classes < 2 || members < 1) {
            throw new IllegalArgumentException("recurrent spec needs layers, hidden size, features, frames, members"
                    + " >= 1 and classes >= 2: " + layers + "/" + hiddenSize + "/" + features + "/" + frames + "/"
                    + classes + "/" + members);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /** The same model as an ensemble of {@code count} members. */
    public RecurrentSpec withMembers(int count) {
        return new RecurrentSpec(cell, layers, hiddenSize, bidirectional, dropout, features, frames, classes, readout,
                count);
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RecurrentSpec}: features, frames and classes are required. */
    public static final class Builder {
        private CellType cell = DEFAULT_CELL;
        private int layers = DEFAULT_LAYERS;
        private int hiddenSize = DEFAULT_HIDDEN_SIZE;
        private boolean bidirectional;
        private float dropout = DEFAULT_DROPOUT;
        private int features;
        private int frames;
        private int classes;
        private RecurrentReadout readout = RecurrentReadout.LAST;
        private int members = 1;

        private Builder() {
        }

        public Builder setFeatures(int features) {
            this.features = features;
            return this;
        }

        public Builder setFrames(int frames) {
            this.frames = frames;
            return this;
        }

        public Builder setClasses(int classes) {
            this.classes = classes;
            return this;
        }

        public Builder optCell(CellType cell) {
            this.cell = cell;
            return this;
        }

        public Builder optLayers(int layers) {
            this.layers = layers;
            return this;
        }

        public Builder optHiddenSize(int hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        public Builder optBidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder optReadout(RecurrentReadout readout) {
            this.readout = readout;
            return this;
        }

        public Builder optMembers(int members) {
            this.members = members;
            return this;
        }

        public RecurrentSpec build() {
            return new RecurrentSpec(cell, layers, hiddenSize, bidirectional, dropout, features, frames, classes,
                    readout, members);
        }
    }
}
