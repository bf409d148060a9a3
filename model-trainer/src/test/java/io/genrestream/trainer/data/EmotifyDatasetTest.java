package io.genrestream.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.genrestream.trainer.folds.GroupedFolds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The real Emotify list (skipped without ../shared/data): 268 clips, 4 labels, folds never split an artist. */
class EmotifyDatasetTest {

    @Test
    void artistGroupedFoldsOfEmotify() throws Exception {
        Path csv = Path.of(System.getProperty("genre.shared.data", "../../shared/data"), "emotify", "emotify.csv");
        Assumptions.assumeTrue(Files.isRegularFile(csv), "Emotify not found at " + csv + " (shared data absent)");
        List<LabelledClips.Clip> clips = LabelledClips.fromCsv(csv, "file", "label", "artist");
        assertThat(clips).hasSize(268);
        assertThat(clips).allMatch(c -> Files.isRegularFile(c.file()));
        assertThat(clips.stream().map(LabelledClips.Clip::label).distinct().sorted().toList())
                .containsExactly("classical", "electronic", "pop", "rock");
        List<String> labels = List.of("classical", "electronic", "pop", "rock");
        int[] classes = clips.stream().mapToInt(c -> labels.indexOf(c.label())).toArray();
        List<String> artists = clips.stream().map(LabelledClips.Clip::group).toList();
        int[] fold = GroupedFolds.assign(classes, artists, 5, 42);
        Map<String, Integer> foldOfArtist = new HashMap<>();
        for (int t = 0; t < fold.length; t++) {
            Integer first = foldOfArtist.putIfAbsent(artists.get(t), fold[t]);
            assertThat(first == null ? fold[t] : first).as("fold of artist %s", artists.get(t)).isEqualTo(fold[t]);
        }
        // every fold holds every genre; 65-70 clips per genre over 5 folds, artists of up to 17 clips
        GroupedFolds.classCounts(fold, classes, 4).values().forEach(counts ->
                assertThat(java.util.Arrays.stream(counts).min().orElse(0)).isGreaterThanOrEqualTo(10));
    }
}
