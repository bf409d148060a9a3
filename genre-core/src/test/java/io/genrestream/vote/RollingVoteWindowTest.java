package io.genrestream.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RollingVoteWindowTest {

    private final VerdictRule rule = new VerdictRule(List.of("classical", "metal"), new double[] {0.5, 0.5}, 0.5);

    @Test
    void oldestSegmentLeavesTheWindow() {
        RollingVoteWindow window = new RollingVoteWindow(3, 2);
        window.add(new SegmentVote(0, new float[] {0.9f, 0.1f}))
                .add(new SegmentVote(0, new float[] {0.8f, 0.2f}))
                .add(new SegmentVote(1, new float[] {0.3f, 0.7f}));
        assertThat(rule.decide(window.tally()).genre()).isEqualTo("classical");
        assertThat(window.tally().gruSum(0)).isCloseTo(2.0, within(1e-6));

        // the 0.9/0.1 classical vote drops out: 1 classical, 2 metal
        window.add(new SegmentVote(1, new float[] {0.4f, 0.6f}));
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.tally().votes()).containsExactly(1, 2);
        assertThat(window.tally().gruSum(0)).isCloseTo(0.8 + 0.3 + 0.4, within(1e-6));
        assertThat(window.tally().gruSum(1)).isCloseTo(0.2 + 0.7 + 0.6, within(1e-6));
        TrackVerdict v = rule.decide(window.tally());
        assertThat(v.genre()).isEqualTo("metal");
        // metal's mean probability over the window: (0.2 + 0.7 + 0.6) / 3
        assertThat(v.confidence()).isCloseTo(0.5, within(1e-6));
        assertThat(window.tally().probabilitySum(1)).isCloseTo(1.5, within(1e-6));
    }

    @Test
    void tallyRemoveRestoresEmptyState() {
        VoteTally tally = new VoteTally(2);
        SegmentVote a = new SegmentVote(1, new float[] {0.1f, 0.9f});
        tally.add(a).remove(a);
        assertThat(tally.segments()).isZero();
        assertThat(tally.gruSum(1)).isZero();
        assertThat(rule.decide(tally).status()).isEqualTo(TrackVerdict.Status.NO_SEGMENTS);
    }
}
