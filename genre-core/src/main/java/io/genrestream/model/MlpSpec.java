package io.genrestream.model;

import java.util.List;

/**
 * Architecture of the summary-feature model: a multi-layer perceptron from the track/segment summary features
 * (57 Kaggle GTZAN columns) through hidden layers (linear, ReLU, dropout) to the class logits; with
 * {@code members > 1} a seed ensemble of that many such MLPs, trained apart, whose softmax probabilities are averaged
 * ({@link GenreBlocks#summaryMlp}); and with {@code viewMembers > 0} that many more MLPs that read only the first
 * {@code viewInputs} inputs, averaged with the others: a view of the columns every training row has (GTZAN's 57, which
 * the feature table's rows hold, where the columns beyond them are filled in).
 *
 * @param inputs  input features
 * @param hidden  units of each hidden layer, in order
 * @param dropout dropout after each hidden layer (0 = none)
 * @param classes genres (output logits)
 * @param members     MLPs in the ensemble that read every input; 0 (absent in a {@code bundle.json} written before
 *                    ensembles) reads as 1
 * @param viewInputs  inputs the view members read, the leading ones (0 when there are none)
 * @param viewMembers MLPs in the ensemble that read only the first {@code viewInputs} inputs (0: none; absent in a
 *                    {@code bundle.json} written before views)
 */
public record MlpSpec(int inputs, List<Integer> hidden, float dropout, int classes, int members, int viewInputs,
                      int viewMembers) {

    /** Default hidden layers (as the scikit-learn reference MLP). */
    public static final List<Integer> DEFAULT_HIDDEN = List.of(256, 128);
    /** Default dropout. */
    public static final float DEFAULT_DROPOUT = 0.3f;

    public MlpSpec {
        hidden = List.copyOf(hidden);
        members = members == 0 ? 1 : members;
        if (inputs < 1 || classes < 2 || hidden.stream().anyMatch(h -> h < 1) || members < 1) {
            throw new IllegalArgumentException("MLP spec needs inputs >= 1, hidden units >= 1, classes >= 2 and "
                    + "members >= 1: " + inputs + "/" + hidden + "/" + classes + "/" + members);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (viewMembers < 0 || (viewMembers == 0 ? viewInputs != 0 : viewInputs < 1 || viewInputs >= inputs)) {
            throw new IllegalArgumentException("a view needs members >= 0 and, when it has any, 1 to " + (inputs - 1)
                    + " leading inputs: " + viewMembers + " members of " + viewInputs + " inputs");
        }
    }

    /** The same MLP as an ensemble of {@code count} members (and the same view). */
    public MlpSpec withMembers(int count) {
        return new MlpSpec(inputs, hidden, dropout, classes, count, viewInputs, viewMembers);
    }

    /** The same ensemble with {@code count} members more that read only the first {@code leadingInputs} inputs. */
    public MlpSpec withView(int leadingInputs, int count) {
        return new MlpSpec(inputs, hidden, dropout, classes, members, count == 0 ? 0 : leadingInputs, count);
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link MlpSpec}: inputs and classes are required. */
    public static final class Builder {
        private int inputs;
        private List<Integer> hidden = DEFAULT_HIDDEN;
        private float dropout = DEFAULT_DROPOUT;
        private int classes;
        private int members = 1;

        private Builder() {
        }

        public Builder setInputs(int inputs) {
            this.inputs = inputs;
            return this;
        }

        public Builder setClasses(int classes) {
            this.classes = classes;
            return this;
        }

        public Builder optHidden(List<Integer> hidden) {
            this.hidden = hidden;
            return this;
        }

        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder optMembers(int members) {
            this.members = members;
            return this;
        }

        public MlpSpec build() {
            return new MlpSpec(inputs, hidden, dropout, classes, members, 0, 0);
        }
    }
}
