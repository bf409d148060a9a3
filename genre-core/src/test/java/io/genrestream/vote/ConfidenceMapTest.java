package io.genrestream.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceMapTest {

    private static final ConfidenceMap MAP = new ConfidenceMap(new double[] {0.3, 0.5, 0.9},
            new double[] {0.2, 0.6, 0.95});

    @Test
    void linearBetweenKnotsFlatBeyond() {
        assertThat(MAP.apply(0.1)).isEqualTo(0.2);
        assertThat(MAP.apply(0.3)).isEqualTo(0.2);
        assertThat(MAP.apply(0.4)).isCloseTo(0.4, within(1e-12));
        assertThat(MAP.apply(0.5)).isEqualTo(0.6);
        assertThat(MAP.apply(0.7)).isCloseTo(0.775, within(1e-12));
        assertThat(MAP.apply(1.0)).isEqualTo(0.95);
        assertThat(ConfidenceMap.IDENTITY.apply(0.37)).isEqualTo(0.37);
    }

    @Test
    void knotsMustBeOrderedAndInRange() {
        assertThatThrownBy(() -> new ConfidenceMap(new double[] {0.5, 0.5}, new double[] {0.1, 0.2}))
                .hasMessageContaining("knot 1");
        assertThatThrownBy(() -> new ConfidenceMap(new double[] {0.2, 0.5}, new double[] {0.6, 0.2}))
                .hasMessageContaining("order");
        assertThatThrownBy(() -> new ConfidenceMap(new double[] {0.2}, new double[] {1.2}))
                .hasMessageContaining("outside [0, 1]");
    }

    @Test
    void theVerdictRuleReportsAndThresholdsTheMappedConfidence() {
        // one segment, winner share 0.7 (track temperature 1): mapped to 0.775
        VoteTally tally = new VoteTally(2).add(new SegmentVote(1, new float[] {0.3f, 0.7f}));
        VerdictRule rule = new VerdictRule(List.of("jazz", "rock"), new double[] {0.5, 0.5}, 0.8, 1, MAP,
                NoveltyCheck.NONE);
        TrackVerdict verdict = rule.decide(tally);
        assertThat(verdict.confidence()).isCloseTo(0.775, within(1e-6));
        assertThat(verdict.status()).as("0.775 is below the threshold 0.8, though 0.7 mapped up")
                .isEqualTo(TrackVerdict.Status.UNKNOWN);
        assertThat(new VerdictRule(List.of("jazz", "rock"), new double[] {0.5, 0.5}, 0.75, 1, MAP, NoveltyCheck.NONE)
                .decide(tally).status()).isEqualTo(TrackVerdict.Status.DECIDED);
    }
}
