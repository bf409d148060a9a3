package io.genrestream.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenreChangeDetectorTest {

    private final GenreChangeDetector detector = new GenreChangeDetector(3, 0.6);

    private static TrackVerdict decided(String genre, double confidence) {
        return new TrackVerdict(TrackVerdict.Status.DECIDED, genre, 0, confidence, 10, new int[] {10},
                TieBreak.NONE);
    }

    private List<GenreChange> run(TrackVerdict... verdicts) {
        GenreChangeDetector.State state = GenreChangeDetector.State.INITIAL;
        List<GenreChange> changes = new ArrayList<>();
        for (TrackVerdict v : verdicts) {
            GenreChangeDetector.Step step = detector.next(state, v);
            step.change().ifPresent(changes::add);
            state = step.state();
        }
        return changes;
    }

    @Test
    void firstGenreNeedsAStreak() {
        assertThat(run(decided("rock", 0.9), decided("rock", 0.8))).isEmpty();
        assertThat(run(decided("rock", 0.9), decided("rock", 0.8), decided("rock", 0.7)))
                .containsExactly(new GenreChange(null, "rock", 0.7));
    }

    @Test
    void alternatingVerdictsDoNotFlap() {
        assertThat(run(decided("rock", 0.9), decided("rock", 0.9), decided("rock", 0.9),
                decided("pop", 0.9), decided("rock", 0.9), decided("pop", 0.9), decided("pop", 0.9),
                decided("rock", 0.9), decided("pop", 0.9)))
                .containsExactly(new GenreChange(null, "rock", 0.9));
    }

    @Test
    void lowConfidenceOrUnknownBreaksTheStreak() {
        TrackVerdict unknown = new TrackVerdict(TrackVerdict.Status.UNKNOWN, "pop", 0, 0.3, 10, new int[] {3},
                TieBreak.NONE);
        assertThat(run(decided("rock", 0.9), decided("rock", 0.9), decided("rock", 0.9),
                decided("pop", 0.9), decided("pop", 0.59), decided("pop", 0.9), unknown,
                decided("pop", 0.9), decided("pop", 0.9)))
                .containsExactly(new GenreChange(null, "rock", 0.9));
    }

    @Test
    void changesAfterKConsecutiveConfidentWins() {
        assertThat(run(decided("rock", 0.9), decided("rock", 0.9), decided("rock", 0.9),
                decided("pop", 0.6), decided("pop", 0.7), decided("pop", 0.65)))
                .containsExactly(new GenreChange(null, "rock", 0.9), new GenreChange("rock", "pop", 0.65));
    }

    @Test
    void stateCarriesCandidateAndStreak() {
        GenreChangeDetector.Step step = detector.next(new GenreChangeDetector.State("rock", "pop", 1),
                decided("pop", 0.8));
        assertThat(step.state()).isEqualTo(new GenreChangeDetector.State("rock", "pop", 2));
        assertThat(step.change()).isEqualTo(Optional.empty());
    }
}
