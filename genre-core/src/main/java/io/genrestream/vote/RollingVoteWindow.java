package io.genrestream.vote;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last {@code capacity} segment votes of a live stream and their {@link VoteTally}: adding a vote to a full
 * window drops the oldest. Memory is O(capacity x genres), independent of the stream's length.
 *
 * <p>Not thread-safe: one window per stream.
 */
public final class RollingVoteWindow {

    private final int capacity;
    private final Deque<SegmentVote> window = new ArrayDeque<>();
    private final VoteTally tally;

    /** A window over the last {@code capacity} segments of a stream with {@code genreCount} genres. */
    public RollingVoteWindow(int capacity, int genreCount) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("window capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.tally = new VoteTally(genreCount);
    }

    /** Adds the newest vote, removing the oldest when the window is full. */
    public RollingVoteWindow add(SegmentVote vote) {
        tally.add(vote);
        window.addLast(vote);
        if (window.size() > capacity) {
            tally.remove(window.removeFirst());
        }
        return this;
    }

    /** The tally of the votes now in the window (live view, do not modify). */
    public VoteTally tally() {
        return tally;
    }

    /** Votes now in the window. */
    public int size() {
        return window.size();
    }

    /** Most votes the window holds. */
    public int capacity() {
        return capacity;
    }
}
