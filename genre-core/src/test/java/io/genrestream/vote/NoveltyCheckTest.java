package io.genrestream.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoveltyCheckTest {

    // two features, means (10, -2), scales (2, 0.5), correlation 0.5 between the standardised features:
    // covariance [[1, .5], [.5, 1]] has inverse (4/3) [[1, -.5], [-.5, 1]]
    private static final NoveltyCheck CHECK = new NoveltyCheck(new double[] {10, -2}, new double[] {2, 0.5},
            new double[][] {{4.0 / 3, -2.0 / 3}, {-2.0 / 3, 4.0 / 3}}, 2.0);

    @Test
    void distanceIsMahalanobisOfTheStandardisedRow() {
        assertThat(CHECK.distance(new float[] {10, -2})).isEqualTo(0.0);
        // z = (1, 1), along the correlation: z'Pz = 4/3 (1 - .5 - .5 + 1) = 4/3
        assertThat(CHECK.distance(new float[] {12, -1.5f})).isCloseTo(Math.sqrt(4.0 / 3), within(1e-9));
        // z = (1, -1), against it: z'Pz = 4/3 (1 + .5 + .5 + 1) = 4
        assertThat(CHECK.distance(new float[] {12, -2.5f})).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aCheckOverFewerFeaturesThanTheRowReadsItsLeadingColumns() {
        // e.g. a check over GTZAN's 57 columns of a 117-column row: what follows them does not count
        assertThat(CHECK.distance(new float[] {12, -2.5f, 1e6f, -7})).isCloseTo(2.0, within(1e-9));
        assertThat(CHECK.distance(new float[] {10, -2, 42})).isEqualTo(0.0);
    }

    @Test
    void aTrackIsNovelOnlyBeyondTheThreshold() {
        assertThat(CHECK.isNovel(2.0)).isFalse();
        assertThat(CHECK.isNovel(2.01)).isTrue();
        assertThat(CHECK.isNovel(Double.NaN)).isFalse();
        assertThat(NoveltyCheck.NONE.isNovel(1e9)).isFalse();
        assertThat(NoveltyCheck.NONE.distance(new float[] {1, 2})).isNaN();
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThatThrownBy(() -> CHECK.distance(new float[] {1})).hasMessageContaining("2 features got a row of 1");
        assertThatThrownBy(() -> new NoveltyCheck(new double[] {0}, new double[] {0}, new double[][] {{1}}, 1))
                .hasMessageContaining("scale 0 must be > 0");
        assertThatThrownBy(() -> new NoveltyCheck(new double[] {0}, new double[] {1}, new double[][] {{1}}, 0))
                .hasMessageContaining("threshold");
    }

    @Test
    void theVerdictIsUnknownWhenTheMeanDistanceIsBeyondTheThresholdHoweverSureTheModels() {
        VerdictRule rule = new VerdictRule(List.of("jazz", "rock"), new double[] {0.5, 0.5}, 0.4, 1, CHECK);
        float[] sure = {0.05f, 0.95f};
        // distances 2 and 1.1547: mean 1.577, within the threshold
        VoteTally near = new VoteTally(2)
                .add(new SegmentVote(1, sure).withNovelty(CHECK.distance(new float[] {12, -2.5f})))
                .add(new SegmentVote(1, sure).withNovelty(CHECK.distance(new float[] {12, -1.5f})));
        TrackVerdict decided = rule.decide(near);
        assertThat(decided.status()).isEqualTo(TrackVerdict.Status.DECIDED);
        assertThat(decided.novelty()).isCloseTo((2 + Math.sqrt(4.0 / 3)) / 2, within(1e-9));
        // one far segment (distance 6) lifts the mean to 3.385
        near.add(new SegmentVote(1, sure).withNovelty(CHECK.distance(new float[] {16, -3.5f})));
        TrackVerdict novel = rule.decide(near);
        assertThat(novel.status()).isEqualTo(TrackVerdict.Status.UNKNOWN);
        assertThat(novel.genre()).isEqualTo("rock");
        assertThat(novel.confidence()).isCloseTo(0.95, within(1e-6));
        // a rolling window takes the far segment back out
        near.remove(new SegmentVote(1, sure).withNovelty(CHECK.distance(new float[] {16, -3.5f})));
        assertThat(rule.decide(near).status()).isEqualTo(TrackVerdict.Status.DECIDED);
    }

    @Test
    void votesWithoutADistanceLeaveTheMeanUnmeasured() {
        VoteTally tally = new VoteTally(2).add(new SegmentVote(0, new float[] {0.9f, 0.1f}));
        assertThat(tally.meanNovelty()).isNaN();
        tally.add(new SegmentVote(0, new float[] {0.9f, 0.1f}).withNovelty(3));
        assertThat(tally.meanNovelty()).isEqualTo(3.0);
    }
}
