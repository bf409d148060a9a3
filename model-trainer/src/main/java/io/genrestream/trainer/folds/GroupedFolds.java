package io.genrestream.trainer.folds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Group-aware, stratified, seeded k-fold over tracks: all tracks of a group (an artist) land in the same fold, and
 * each class is spread over the folds as evenly as the grouping allows. Groups are shuffled with the seed, then taken
 * largest first (stable, so equal sizes keep the shuffled order) and each goes to the fold that has the fewest
 * tracks of the group's main class so far (ties: fewest tracks overall, then lowest fold). Written here because
 * neither Tribuo nor the other pinned libraries have a grouped, stratified splitter (scikit-learn's
 * {@code StratifiedGroupKFold} is the Python counterpart).
 */
public final class GroupedFolds {

    private GroupedFolds() {
    }

    /**
     * Fold (0 .. folds-1) of every track.
     *
     * @param trackClass class of every track
     * @param trackGroup group of every track
     * @throws IllegalArgumentException when there are fewer groups than folds
     */
    public static int[] assign(int[] trackClass, List<String> trackGroup, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("k-fold needs at least 2 folds, got " + folds);
        }
        if (trackClass.length != trackGroup.size()) {
            throw new IllegalArgumentException(trackClass.length + " track classes but " + trackGroup.size()
                    + " track groups");
        }
        int classes = java.util.Arrays.stream(trackClass).max().orElse(0) + 1;
        Map<String, List<Integer>> members = new TreeMap<>();
        for (int t = 0; t < trackClass.length; t++) {
            members.computeIfAbsent(trackGroup.get(t), g -> new ArrayList<>()).add(t);
        }
        if (members.size() < folds) {
            throw new IllegalArgumentException("only " + members.size() + " groups for " + folds + " folds");
        }
        List<String> groups = new ArrayList<>(members.keySet());
        Collections.shuffle(groups, new Random(seed));
        groups.sort(Comparator.comparingInt((String g) -> members.get(g).size()).reversed());
        int[][] classCount = new int[folds][classes];
        int[] size = new int[folds];
        int[] fold = new int[trackClass.length];
        for (String g : groups) {
            int[] counts = new int[classes];
            members.get(g).forEach(t -> counts[trackClass[t]]++);
            int main = 0;
            for (int c = 1; c < classes; c++) {
                if (counts[c] > counts[main]) {
                    main = c;
                }
            }
            int best = 0;
            for (int f = 1; f < folds; f++) {
                if (classCount[f][main] < classCount[best][main]
                        || classCount[f][main] == classCount[best][main] && size[f] < size[best]) {
                    best = f;
                }
            }
            for (int t : members.get(g)) {
                fold[t] = best;
                classCount[best][trackClass[t]]++;
                size[best]++;
            }
        }
        return fold;
    }

    /** Tracks per fold and class, for reports: fold → counts per class. */
    public static Map<Integer, int[]> classCounts(int[] fold, int[] trackClass, int classes) {
        Map<Integer, int[]> out = new LinkedHashMap<>();
        for (int t = 0; t < fold.length; t++) {
            out.computeIfAbsent(fold[t], f -> new int[classes])[trackClass[t]]++;
        }
        return new TreeMap<>(out);
    }
}
