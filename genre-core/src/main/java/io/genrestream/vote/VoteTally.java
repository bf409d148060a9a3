package io.genrestream.vote;

import java.util.Arrays;

/**
 * Running totals of a track's (or a live window's) segment votes: votes per genre, summed GRU softmax per genre and
 * summed calibrated ensemble probability per genre, and the summed distance to the training data of the segments that
 * measured one ({@link NoveltyCheck}).
 * Memory is O(genres) however many segments pass through; {@link #remove} takes back a segment that leaves a rolling
 * window (the caller keeps the window's votes, e.g. in {@link RollingVoteWindow} or a state store).
 *
 * <p>Not thread-safe: one tally per track or stream.
 */
public final class VoteTally {

    private final int[] votes;
    private final double[] gruSums;
    private final double[] probabilitySums;
    private int segments;
    private double noveltySum;
    private int noveltySegments;

    /** An empty tally over {@code genreCount} genres. */
    public VoteTally(int genreCount) {
        if (genreCount <= 0) {
            throw new IllegalArgumentException("a tally needs at least one genre, got " + genreCount);
        }
        votes = new int[genreCount];
        gruSums = new double[genreCount];
        probabilitySums = new double[genreCount];
    }

    /** Adds one segment's vote. */
    public VoteTally add(SegmentVote vote) {
        checkGenres(vote);
        votes[vote.genre()]++;
        for (int i = 0; i < gruSums.length; i++) {
            gruSums[i] += vote.gruProbability(i);
            probabilitySums[i] += vote.probability(i);
        }
        segments++;
        if (!Double.isNaN(vote.novelty())) {
            noveltySum += vote.novelty();
            noveltySegments++;
        }
        return this;
    }

    /**
     * Takes back a vote added before (the oldest segment of a rolling window).
     *
     * @throws IllegalStateException when the tally holds no vote for that genre
     */
    public VoteTally remove(SegmentVote vote) {
        checkGenres(vote);
        if (votes[vote.genre()] == 0) {
            throw new IllegalStateException("cannot remove a vote for genre " + vote.genre()
                    + ": the tally holds none");
        }
        votes[vote.genre()]--;
        for (int i = 0; i < gruSums.length; i++) {
            gruSums[i] -= vote.gruProbability(i);
            probabilitySums[i] -= vote.probability(i);
        }
        segments--;
        if (!Double.isNaN(vote.novelty())) {
            noveltySum -= vote.novelty();
            noveltySegments--;
        }
        if (noveltySegments == 0) {
            noveltySum = 0;
        }
        if (segments == 0) {
            // no floating-point residue once the window is empty
            Arrays.fill(gruSums, 0);
            Arrays.fill(probabilitySums, 0);
        }
        return this;
    }

    private void checkGenres(SegmentVote vote) {
        if (vote.genreCount() != votes.length) {
            throw new IllegalArgumentException("vote over " + vote.genreCount() + " genres added to a tally over "
                    + votes.length);
        }
    }

    /** Number of genres. */
    public int genreCount() {
        return votes.length;
    }

    /** Segments currently counted. */
    public int segments() {
        return segments;
    }

    /** Votes of one genre. */
    public int votes(int genre) {
        return votes[genre];
    }

    /** Votes per genre (a copy). */
    public int[] votes() {
        return votes.clone();
    }

    /** Summed GRU softmax of one genre over the counted segments. */
    public double gruSum(int genre) {
        return gruSums[genre];
    }

    /**
     * Mean calibrated ensemble probability per genre over the counted segments (rounding residue of a rolling
     * window's removals clamped at 0); all zeros when no segment is counted.
     */
    public float[] meanProbabilities() {
        float[] mean = new float[probabilitySums.length];
        for (int g = 0; g < mean.length && segments > 0; g++) {
            mean[g] = (float) Math.max(0, probabilitySums[g] / segments);
        }
        return mean;
    }

    /** Summed calibrated ensemble probability of one genre over the counted segments. */
    public double probabilitySum(int genre) {
        return probabilitySums[genre];
    }

    /** Mean distance to the training data over the counted segments that measured one; NaN when none did. */
    public double meanNovelty() {
        return noveltySegments == 0 ? Double.NaN : Math.max(0, noveltySum / noveltySegments);
    }
}
