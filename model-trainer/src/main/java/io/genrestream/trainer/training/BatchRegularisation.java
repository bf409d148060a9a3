package io.genrestream.trainer.training;

/**
 * Regularisation applied to every training batch by the shared epoch loop.
 *
 * @param mixupAlpha mixup's α (0 = off): the batch blended with a shuffled copy of itself, λ ~ Beta(α, α)
 * @param inputNoise standard deviation of Gaussian noise added to every (normalised) input value, drawn afresh for
 *                   every batch (0 = off); training with input noise acts as a Tikhonov regulariser (Bishop 1995)
 */
public record BatchRegularisation(double mixupAlpha, double inputNoise) {

    /** Neither mixup nor noise. */
    public static final BatchRegularisation NONE = new BatchRegularisation(0, 0);

    public BatchRegularisation {
        if (!(mixupAlpha >= 0) || !(inputNoise >= 0)) {
            throw new IllegalArgumentException("mixup alpha and input noise must be >= 0, got " + mixupAlpha + " and "
                    + inputNoise);
        }
    }

    /** What is on, for reports ("none" when nothing is). */
    public String describe() {
        if (mixupAlpha == 0 && inputNoise == 0) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        if (mixupAlpha > 0) {
            out.append("mixup α=").append(mixupAlpha);
        }
        if (inputNoise > 0) {
            out.append(out.length() > 0 ? ", " : "").append("input noise σ=").append(inputNoise);
        }
        return out.toString();
    }
}
