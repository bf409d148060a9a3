package io.genrestream.trainer.folds;

import static org.assertj.core.api.Assertions.assertThat;

import io.genrestream.trainer.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrackSplitsTest {

    /** 3 labels x 7 tracks x 2 segments, as in the 3 s table. */
    private static FeatureTable segmentTable() {
        List<String> ids = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (String label : List.of("blues", "jazz", "rock")) {
            for (int t = 0; t < 7; t++) {
                for (int s = 0; s < 2; s++) {
                    ids.add(String.format("%s.%05d.%d.wav", label, t, s));
                    labels.add(label);
                    rows.add(new float[] {t, s});
                }
            }
        }
        return FeatureTable.of(ids, List.of("a", "b"), rows.toArray(float[][]::new), labels);
    }

    @Test
    void trackIdsDropSegmentNumberAndExtension() {
        assertThat(FeatureTable.trackOf("blues.00012.7.wav")).isEqualTo("blues.00012");
        assertThat(FeatureTable.trackOf("blues.00012.wav")).isEqualTo("blues.00012");
        assertThat(FeatureTable.trackOf("song.mp3")).isEqualTo("song");
        assertThat(FeatureTable.trackOf("blues.00012")).isEqualTo("blues.00012");
    }

    @Test
    void kFoldIsStratifiedTrackLevelAndSeeded() {
        FeatureTable table = segmentTable();
        List<TrackSplits.Split> folds = TrackSplits.stratifiedKFold(table, 3, 42);
        Set<Integer> tested = new HashSet<>();
        for (TrackSplits.Split split : folds) {
            TrackSplits.validate(table, split, "fold");
            Arrays.stream(split.test()).forEach(tested::add);
            // 21 tracks over 3 folds: 7 tracks = 14 rows per fold, 2 or 3 tracks of each class
            assertThat(split.test()).hasSize(14);
            int[] perClass = new int[3];
            Arrays.stream(split.test()).forEach(r -> perClass[table.classes()[r]]++);
            assertThat(Arrays.stream(perClass).boxed()).allMatch(n -> n == 4 || n == 6);
        }
        assertThat(tested).hasSize(table.size());
        assertThat(TrackSplits.stratifiedKFold(table, 3, 42).get(1).test()).isEqualTo(folds.get(1).test());
        assertThat(TrackSplits.stratifiedKFold(table, 3, 7).get(1).test()).isNotEqualTo(folds.get(1).test());
    }

    @Test
    void holdoutKeepsSegmentsOfATrackTogether() {
        FeatureTable table = segmentTable();
        TrackSplits.Split split = TrackSplits.stratifiedHoldout(table, 0.3, 1);
        TrackSplits.validate(table, split, "holdout");
        Set<String> trainTracks = new HashSet<>();
        Arrays.stream(split.train()).forEach(r -> trainTracks.add(table.trackIds().get(r)));
        assertThat(Arrays.stream(split.test()).mapToObj(r -> table.trackIds().get(r))).noneMatch(trainTracks::contains);
        // round(7 * 0.3) = 2 tracks per class = 12 rows
        assertThat(split.test()).hasSize(12);
        int[] inner = IntStream.range(0, 20).toArray();
        assertThat(Arrays.stream(TrackSplits.stratifiedHoldout(table, inner, 0.3, 1).test()).boxed()).allMatch(r -> r < 20);
    }
}
