package io.genrestream.vote;

/**
 * How much the GRU (frame sequence) model and the summary-feature model count in a segment's ensemble
 * probability: {@code p = (gru * pGru + summary * pSummary) / (gru + summary)}.
 *
 * <p>The default {@link #EQUAL} (0.5/0.5) trusts both models alike; a bundle stores the weights it was
 * evaluated with, so the app votes exactly as the trainer's evaluation did.
 *
 * @param gru     weight of the GRU probabilities, at least 0
 * @param summary weight of the summary-model probabilities, at least 0
 */
public record VoteWeights(double gru, double summary) {

    /** Both models count alike. */
    public static final VoteWeights EQUAL = new VoteWeights(0.5, 0.5);

    public VoteWeights {
        if (!(gru >= 0) || !(summary >= 0) || gru + summary <= 0 || Double.isInfinite(gru + summary)) {
            throw new IllegalArgumentException("vote weights must be finite, >= 0 and not both 0: gru=" + gru
                    + ", summary=" + summary);
        }
    }
}
