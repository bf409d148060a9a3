package io.genrestream.vote;

import java.util.Optional;

/**
 * The verdict over a track's (or a window's) segments.
 *
 * @param status     {@link Status#DECIDED}, {@link Status#UNKNOWN} (confidence below the threshold, or audio unlike the
 *                   training data: see {@code novelty}) or
 *                   {@link Status#NO_SEGMENTS}
 * @param genre      the winning genre's label: for UNKNOWN the best candidate, for NO_SEGMENTS {@code null}
 * @param genreIndex index of {@code genre} in the bundle's labels, -1 for NO_SEGMENTS
 * @param confidence winner's share of the segments' mean calibrated ensemble probabilities, tempered by the track
 *                   temperature (0 for NO_SEGMENTS)
 * @param segments   segments counted
 * @param votes      votes per genre, in label order
 * @param tieBreak   which rule decided among genres tied on votes
 * @param novelty    the segments' mean distance to the training data ({@link NoveltyCheck}), NaN when not measured
 */
public record TrackVerdict(Status status, String genre, int genreIndex, double confidence, int segments, int[] votes,
                           TieBreak tieBreak, double novelty) {

    /** What kind of verdict this is. */
    public enum Status { DECIDED, UNKNOWN, NO_SEGMENTS }

    public TrackVerdict {
        votes = votes.clone();
    }

    /** A verdict without a novelty measure. */
    public TrackVerdict(Status status, String genre, int genreIndex, double confidence, int segments, int[] votes,
                        TieBreak tieBreak) {
        this(status, genre, genreIndex, confidence, segments, votes, tieBreak, Double.NaN);
    }

    @Override
    public int[] votes() {
        return votes.clone();
    }

    /** The genre when the verdict is DECIDED, empty otherwise. */
    public Optional<String> decidedGenre() {
        return status == Status.DECIDED ? Optional.of(genre) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackVerdict v && v.status == status && java.util.Objects.equals(v.genre, genre)
                && v.genreIndex == genreIndex && Double.compare(v.confidence, confidence) == 0
                && v.segments == segments && java.util.Arrays.equals(v.votes, votes) && v.tieBreak == tieBreak
                && Double.compare(v.novelty, novelty) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(status, genre, genreIndex, confidence, segments, tieBreak)
                + 31 * java.util.Arrays.hashCode(votes);
    }

    @Override
    public String toString() {
        return "TrackVerdict[" + status + " " + genre + " conf=" + confidence + " segments=" + segments + " votes="
                + java.util.Arrays.toString(votes) + " tieBreak=" + tieBreak + " novelty=" + novelty + "]";
    }
}
