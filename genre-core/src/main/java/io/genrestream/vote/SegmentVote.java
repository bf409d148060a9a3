package io.genrestream.vote;

import java.util.Arrays;

/**
 * One segment's vote: the genre index with the largest ensemble probability, and the GRU softmax of that segment,
 * which a track's verdict sums to break ties.
 *
 * @param genre      index of the voted genre in the bundle's label list
 * @param gruSoftmax the segment's GRU probabilities (one per genre); for a bundle without a GRU model, the
 *                   summary model's probabilities stand in (see {@link EnsembleVoter})
 */
public record SegmentVote(int genre, float[] gruSoftmax) {

    public SegmentVote {
        if (gruSoftmax == null || gruSoftmax.length == 0) {
            throw new IllegalArgumentException("a segment vote needs the GRU probabilities of every genre");
        }
        if (genre < 0 || genre >= gruSoftmax.length) {
            throw new IllegalArgumentException("voted genre " + genre + " outside 0.." + (gruSoftmax.length - 1));
        }
        gruSoftmax = gruSoftmax.clone();
    }

    /** Number of genres the vote was cast over. */
    public int genreCount() {
        return gruSoftmax.length;
    }

    @Override
    public float[] gruSoftmax() {
        return gruSoftmax.clone();
    }

    /** GRU probability of one genre, without copying the array. */
    public float gruProbability(int genreIndex) {
        return gruSoftmax[genreIndex];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentVote v && v.genre == genre && Arrays.equals(v.gruSoftmax, gruSoftmax);
    }

    @Override
    public int hashCode() {
        return 31 * genre + Arrays.hashCode(gruSoftmax);
    }

    @Override
    public String toString() {
        return "SegmentVote[genre=" + genre + ", gruSoftmax=" + Arrays.toString(gruSoftmax) + "]";
    }
}
