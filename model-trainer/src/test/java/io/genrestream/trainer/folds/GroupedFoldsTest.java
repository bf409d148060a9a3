package io.genrestream.trainer.folds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupedFoldsTest {

    /** 2 classes; class 0 has artists of 4, 2, 2, 2 tracks, class 1 has 6 artists of 1 track and one of 4. */
    private static final int[] CLASSES = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    private static final List<String> GROUPS = List.of("a", "a", "a", "a", "b", "b", "c", "c", "d", "d",
            "e", "f", "g", "h", "i", "j", "k", "k", "k", "k");

    @Test
    void noGroupIsOnTwoFoldsAndClassesAreSpreadAsEvenlyAsGroupsAllow() {
        int[] fold = GroupedFolds.assign(CLASSES, GROUPS, 2, 7);
        Map<String, Integer> foldOfGroup = new HashMap<>();
        for (int t = 0; t < fold.length; t++) {
            Integer previous = foldOfGroup.put(GROUPS.get(t), fold[t]);
            assertThat(previous == null || previous == fold[t]).as("group %s on one fold", GROUPS.get(t)).isTrue();
        }
        Map<Integer, int[]> counts = GroupedFolds.classCounts(fold, CLASSES, 2);
        // class 0: artist a (4) against b, c, d (2 each) can split 4/6 at best; class 1: 5/5 is reachable
        assertThat(List.of(counts.get(0)[0], counts.get(1)[0])).containsExactlyInAnyOrder(4, 6);
        assertThat(counts.get(0)[1]).isEqualTo(5);
        assertThat(counts.get(1)[1]).isEqualTo(5);
    }

    @Test
    void sameSeedSameFoldsAndEveryFoldUsed() {
        List<String> groups = new ArrayList<>();
        int[] classes = new int[60];
        for (int t = 0; t < 60; t++) {
            classes[t] = (t / 2) % 3;
            groups.add("artist" + (t / 2));
        }
        int[] a = GroupedFolds.assign(classes, groups, 5, 42);
        assertThat(GroupedFolds.assign(classes, groups, 5, 42)).containsExactly(a);
        assertThat(GroupedFolds.classCounts(a, classes, 3)).hasSize(5);
        GroupedFolds.classCounts(a, classes, 3).values()
                .forEach(c -> assertThat(c).containsExactly(4, 4, 4));
    }

    @Test
    void refusesFewerGroupsThanFolds() {
        assertThatThrownBy(() -> GroupedFolds.assign(new int[] {0, 1, 0}, List.of("x", "y", "x"), 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 2 groups for 3 folds");
    }
}
