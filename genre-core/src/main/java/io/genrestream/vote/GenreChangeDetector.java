package io.genrestream.vote;

import java.util.Objects;
import java.util.Optional;

/**
 * Hysteresis over a live stream's rolling verdicts, so the reported genre does not flap: the genre changes only when
 * a new genre wins {@code requiredStreak} consecutive DECIDED verdicts, each with confidence at least
 * {@code minConfidence}. Any other verdict (another genre, the current genre, UNKNOWN, NO_SEGMENTS or a low
 * confidence) restarts the count. The first genre of a stream needs the same streak.
 *
 * <p>Pure: the state is a value ({@link State}) the caller stores (e.g. in a Kafka Streams state store) and passes in.
 */
public final class GenreChangeDetector {

    /** Default number of consecutive winning verdicts a new genre needs. */
    public static final int DEFAULT_REQUIRED_STREAK = 3;
    /** Default minimum confidence of each of those verdicts. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    private final int requiredStreak;
    private final double minConfidence;

    /**
     * @param requiredStreak K: consecutive verdicts a new genre must win, at least 1
     * @param minConfidence  c: minimum confidence of each, in [0, 1]
     */
    public GenreChangeDetector(int requiredStreak, double minConfidence) {
        if (requiredStreak < 1) {
            throw new IllegalArgumentException("required streak must be at least 1, got " + requiredStreak);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("min confidence must be in [0, 1], got " + minConfidence);
        }
        this.requiredStreak = requiredStreak;
        this.minConfidence = minConfidence;
    }

    /**
     * A stream's hysteresis state.
     *
     * @param current   genre now reported, or {@code null} before the first change
     * @param candidate genre on a winning streak, or {@code null}
     * @param streak    consecutive qualifying verdicts of {@code candidate}
     */
    public record State(String current, String candidate, int streak) {
        /** State of a stream that has not seen a verdict yet. */
        public static final State INITIAL = new State(null, null, 0);
    }

    /**
     * Result of one step.
     *
     * @param state  the state to store for the next verdict
     * @param change the change this verdict completed, if any
     */
    public record Step(State state, Optional<GenreChange> change) {
    }

    /** Feeds one rolling verdict. */
    public Step next(State state, TrackVerdict verdict) {
        Objects.requireNonNull(state, "state");
        boolean qualifies = verdict.status() == TrackVerdict.Status.DECIDED && verdict.confidence() >= minConfidence;
        if (!qualifies || verdict.genre().equals(state.current())) {
            return new Step(new State(state.current(), null, 0), Optional.empty());
        }
        int streak = verdict.genre().equals(state.candidate()) ? state.streak() + 1 : 1;
        if (streak >= requiredStreak) {
            GenreChange change = new GenreChange(state.current(), verdict.genre(), verdict.confidence());
            return new Step(new State(verdict.genre(), null, 0), Optional.of(change));
        }
        return new Step(new State(state.current(), verdict.genre(), streak), Optional.empty());
    }
}
