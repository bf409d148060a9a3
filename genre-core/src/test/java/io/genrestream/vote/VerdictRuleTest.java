package io.genrestream.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictRuleTest {

    private static final List<String> LABELS = List.of("blues", "jazz", "rock");
    private static final double[] PRIORS = {0.30, 0.45, 0.25};

    private final EnsembleVoter voter = new EnsembleVoter(VoteWeights.EQUAL);
    private final VerdictRule rule = new VerdictRule(LABELS, PRIORS, 0.4);

    private static SegmentVote vote(int genre, float... gru) {
        return new SegmentVote(genre, gru);
    }

    @Test
    void segmentVoteIsArgMaxOfWeightedMean() {
        // gru favours blues (0.6), summary favours rock (0.7): equal weights -> rock 0.45 vs blues 0.4
        float[] gru = {0.6f, 0.1f, 0.3f};
        float[] summary = {0.2f, 0.1f, 0.7f};
        assertThat(voter.ensemble(gru, summary)).containsExactly(new double[] {0.4, 0.1, 0.5}, within(1e-6));
        assertThat(voter.vote(gru, summary).genre()).isEqualTo(2);
        // weights 0.8/0.2 -> blues 0.52, rock 0.38
        assertThat(new EnsembleVoter(new VoteWeights(0.8, 0.2)).vote(gru, summary).genre()).isEqualTo(0);
        // a bundle without GRU: the summary decides alone
        assertThat(voter.vote(null, summary).genre()).isEqualTo(2);
    }

    @Test
    void majorityDecidesWithoutTieBreak() {
        VoteTally tally = new VoteTally(3)
                .add(vote(1, 0.2f, 0.7f, 0.1f))
                .add(vote(1, 0.3f, 0.6f, 0.1f))
                .add(vote(0, 0.9f, 0.05f, 0.05f));
        TrackVerdict v = rule.decide(tally);
        assertThat(v.status()).isEqualTo(TrackVerdict.Status.DECIDED);
        assertThat(v.genre()).isEqualTo("jazz");
        assertThat(v.tieBreak()).isEqualTo(TieBreak.NONE);
        // confidence: jazz's mean probability (0.7 + 0.6 + 0.05) / 3, not its vote share 2/3
        assertThat(v.confidence()).isCloseTo(0.45, within(1e-6));
        assertThat(v.votes()).containsExactly(1, 2, 0);
    }

    @Test
    void voteTieGoesToLargerSummedGruSoftmax() {
        // blues 2 votes, rock 2 votes; GRU sums blues 0.5+0.4+0.1+0.2 = 1.2, rock 0.3+0.5+0.8+0.7 = 2.3
        VoteTally tally = new VoteTally(3)
                .add(vote(0, 0.5f, 0.2f, 0.3f))
                .add(vote(0, 0.4f, 0.1f, 0.5f))
                .add(vote(2, 0.1f, 0.1f, 0.8f))
                .add(vote(2, 0.2f, 0.1f, 0.7f));
        TrackVerdict v = rule.decide(tally);
        assertThat(v.genre()).isEqualTo("rock");
        assertThat(v.tieBreak()).isEqualTo(TieBreak.GRU_SOFTMAX);
        assertThat(v.confidence()).isCloseTo(2.3 / 4, within(1e-6));
        assertThat(tally.gruSum(2)).isCloseTo(2.3, within(1e-6));
    }

    @Test
    void voteAndGruTieGoesToLargerPrior() {
        // blues and jazz: 1 vote each, GRU sums both 0.75 (0.5+0.25 and 0.25+0.5); jazz prior 0.45 > blues 0.30
        VoteTally tally = new VoteTally(3)
                .add(vote(0, 0.5f, 0.25f, 0.25f))
                .add(vote(1, 0.25f, 0.5f, 0.25f));
        TrackVerdict v = rule.decide(tally);
        assertThat(v.genre()).isEqualTo("jazz");
        assertThat(v.genreIndex()).isEqualTo(1);
        assertThat(v.tieBreak()).isEqualTo(TieBreak.PRIOR);
        assertThat(v.confidence()).isCloseTo(0.375, within(1e-6));
    }

    @Test
    void tieOnEverythingGoesToFirstLabel() {
        VerdictRule equalPriors = new VerdictRule(LABELS, new double[] {0.2, 0.4, 0.4}, 0.0);
        VoteTally tally = new VoteTally(3)
                .add(vote(1, 0.0f, 0.5f, 0.5f))
                .add(vote(2, 0.0f, 0.5f, 0.5f));
        TrackVerdict v = equalPriors.decide(tally);
        assertThat(v.genre()).isEqualTo("jazz");
        assertThat(v.tieBreak()).isEqualTo(TieBreak.LABEL_ORDER);
    }

    @Test
    void lowConfidenceIsUnknown() {
        // 5 segments, blues 2 / jazz 1 / rock 2; rock wins the GRU tie-break; its mean probability is
        // (0.3 + 0.3 + 0.1 + 0.8 + 0.8) / 5 = 0.46
        VoteTally tally = new VoteTally(3)
                .add(vote(0, 0.4f, 0.3f, 0.3f))
                .add(vote(0, 0.4f, 0.3f, 0.3f))
                .add(vote(1, 0.1f, 0.8f, 0.1f))
                .add(vote(2, 0.1f, 0.1f, 0.8f))
                .add(vote(2, 0.1f, 0.1f, 0.8f));
        assertThat(rule.decide(tally).status()).isEqualTo(TrackVerdict.Status.DECIDED);
        TrackVerdict strict = new VerdictRule(LABELS, PRIORS, 0.47).decide(tally);
        assertThat(strict.status()).isEqualTo(TrackVerdict.Status.UNKNOWN);
        assertThat(strict.genre()).isEqualTo("rock");
        assertThat(strict.decidedGenre()).isEmpty();
        assertThat(strict.confidence()).isCloseTo(0.46, within(1e-6));
        // a track temperature of 0.5 squares the mean probabilities [0.22, 0.32, 0.46]: 0.46^2 / sum of squares
        double sharp = 0.46 * 0.46 / (0.22 * 0.22 + 0.32 * 0.32 + 0.46 * 0.46);
        assertThat(new VerdictRule(LABELS, PRIORS, 0.47, 0.5).decide(tally).confidence()).isCloseTo(sharp,
                within(1e-6));
    }

    @Test
    void calibrationTempersEachModelBeforeTheMix() {
        // T = 2 softens [0.8, 0.2] to sqrt-proportional [0.894, 0.447] / 1.342 = [2/3, 1/3]
        assertThat(Calibration.temper(new float[] {0.8f, 0.2f}, 2)).containsExactly(new float[] {2f / 3, 1f / 3},
                within(1e-6f));
        // T = 0.5 sharpens it to squares: [0.64, 0.04] / 0.68
        assertThat(Calibration.temper(new float[] {0.8f, 0.2f}, 0.5)).containsExactly(
                new float[] {0.64f / 0.68f, 0.04f / 0.68f}, within(1e-6f));
        EnsembleVoter calibrated = new EnsembleVoter(VoteWeights.EQUAL, new Calibration(2, 1, 1, 0.3));
        SegmentVote v = calibrated.vote(new float[] {0.8f, 0.2f}, new float[] {0.5f, 0.5f});
        assertThat(v.gruSoftmax()).containsExactly(new float[] {2f / 3, 1f / 3}, within(1e-6f));
        assertThat(v.probabilities()).containsExactly(new float[] {(2f / 3 + 0.5f) / 2, (1f / 3 + 0.5f) / 2},
                within(1e-6f));
        assertThat(v.genre()).isZero();
        assertThatThrownBy(() -> new Calibration(0, 1, 1, 0.3)).hasMessageContaining("temperatures");
        assertThatThrownBy(() -> new Calibration(1, 1, 1, 1.2)).hasMessageContaining("unknown threshold");
    }

    @Test
    void noSegmentsIsExplicitResult() {
        TrackVerdict v = rule.decide(new VoteTally(3));
        assertThat(v.status()).isEqualTo(TrackVerdict.Status.NO_SEGMENTS);
        assertThat(v.genre()).isNull();
        assertThat(v.genreIndex()).isEqualTo(-1);
        assertThat(v.segments()).isZero();
    }

    @Test
    void rejectsMismatchedInput() {
        assertThatThrownBy(() -> new VerdictRule(LABELS, new double[] {1.0}, 0.5))
                .hasMessageContaining("one prior per label");
        assertThatThrownBy(() -> new VoteTally(3).add(vote(0, 1f, 0f)))
                .hasMessageContaining("2 genres");
        assertThatThrownBy(() -> new VoteTally(3).remove(vote(0, 1f, 0f, 0f)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> voter.ensemble(new float[] {1f, 0f}, new float[] {1f, 0f, 0f}))
                .hasMessageContaining("GRU gives 2 genres");
    }
}
