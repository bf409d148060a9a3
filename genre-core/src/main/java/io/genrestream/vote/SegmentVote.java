package io.genrestream.vote;

import java.util.Arrays;

/**
 * One segment's vote: the genre index with the largest ensemble probability, the GRU softmax of that segment, which
 * a track's verdict sums to break ties, and the calibrated ensemble probabilities, whose mean for the winning genre
 * is the verdict's confidence.
 *
 * @param genre         index of the voted genre in the bundle's label list
 * @param gruSoftmax    the segment's (calibrated) GRU probabilities (one per genre); for a bundle without a GRU
 *                      model, the summary model's probabilities stand in (see {@link EnsembleVoter})
 * @param probabilities the segment's calibrated ensemble probabilities (one per genre)
 * @param novelty       the segment's distance to the training data ({@link NoveltyCheck#distance}), NaN when not
 *                      measured
 */
public record SegmentVote(int genre, float[] gruSoftmax, float[] probabilities, double novelty) {

    public SegmentVote {
        if (gruSoftmax == null || gruSoftmax.length == 0) {
            throw new IllegalArgumentException("a segment vote needs the GRU probabilities of every genre");
        }
        if (probabilities == null || probabilities.length != gruSoftmax.length) {
            throw new IllegalArgumentException("a segment vote needs the ensemble probabilities of every genre ("
                    + gruSoftmax.length + ")");
        }
        if (genre < 0 || genre >= gruSoftmax.length) {
            throw new IllegalArgumentException("voted genre " + genre + " outside 0.." + (gruSoftmax.length - 1));
        }
        gruSoftmax = gruSoftmax.clone();
        probabilities = probabilities.clone();
    }

    /** A vote without a novelty measure. */
    public SegmentVote(int genre, float[] gruSoftmax, float[] probabilities) {
        this(genre, gruSoftmax, probabilities, Double.NaN);
    }

    /** A vote of a single model, whose probabilities are both the tie-break and the ensemble's. */
    public SegmentVote(int genre, float[] softmax) {
        this(genre, softmax, softmax);
    }

    /** This vote with the segment's distance to the training data. */
    public SegmentVote withNovelty(double distance) {
        return new SegmentVote(genre, gruSoftmax, probabilities, distance);
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** Ensemble probability of one genre, without copying the array. */
    public float probability(int genreIndex) {
        return probabilities[genreIndex];
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
        return o instanceof SegmentVote v && v.genre == genre && Arrays.equals(v.gruSoftmax, gruSoftmax)
                && Arrays.equals(v.probabilities, probabilities) && Double.compare(v.novelty, novelty) == 0;
    }

    @Override
    public int hashCode() {
        return ((31 * genre + Arrays.hashCode(gruSoftmax)) * 31 + Arrays.hashCode(probabilities)) * 31
                + Double.hashCode(novelty);
    }

    @Override
    public String toString() {
        return "SegmentVote[genre=" + genre + ", gruSoftmax=" + Arrays.toString(gruSoftmax) + ", probabilities="
                + Arrays.toString(probabilities) + ", novelty=" + novelty + "]";
    }
}
