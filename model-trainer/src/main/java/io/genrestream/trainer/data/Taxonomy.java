package io.genrestream.trainer.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The genre labels a bundle predicts, and how a dataset's label names a set of them: a label of the taxonomy names
 * itself; an alias names several (AllMusic's {@code pop_rock} is one of pop, rock or metal, unknown which); a label
 * written {@code a|b} names both. Any other label is an error before training.
 *
 * @param labels  the bundle's labels, in model output order
 * @param aliases dataset label to the set of taxonomy labels it stands for
 */
public record Taxonomy(List<String> labels, Map<String, List<String>> aliases) {

    /** GTZAN's ten genres and electronic, with AllMusic's pop/rock umbrella. */
    public static final Taxonomy DEFAULT = new Taxonomy(List.of("blues", "classical", "country", "disco", "electronic",
            "hiphop", "jazz", "metal", "pop", "reggae", "rock"), Map.of("pop_rock", List.of("pop", "rock", "metal")));

    public Taxonomy {
        labels = List.copyOf(labels);
        if (labels.size() < 2 || labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("a taxonomy needs at least two distinct labels, got " + labels);
        }
        aliases = Map.copyOf(aliases);
        for (Map.Entry<String, List<String>> a : aliases.entrySet()) {
            if (!labels.containsAll(a.getValue()) || a.getValue().isEmpty()) {
                throw new IllegalArgumentException("alias " + a.getKey() + " stands for " + a.getValue()
                        + ", not all of which are labels of " + labels);
            }
        }
    }

    /**
     * A taxonomy from the command line: {@code labels} as given, aliases as {@code name=a,b,c}.
     */
    public static Taxonomy parse(List<String> labels, List<String> aliasSpecs) {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        for (String spec : aliasSpecs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("alias '" + spec + "' is not name=label,label,...");
            }
            aliases.put(spec.substring(0, eq).trim(), List.of(spec.substring(eq + 1).trim().split("\\s*,\\s*")));
        }
        return new Taxonomy(labels.stream().map(l -> l.trim().toLowerCase(Locale.ROOT)).toList(), aliases);
    }

    /** Indices of the labels a dataset label stands for; an unknown label is a clear error. */
    public int[] classesOf(String datasetLabel) {
        List<Integer> out = new ArrayList<>();
        for (String part : datasetLabel.split("\\|")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            List<String> names = aliases.containsKey(name) ? aliases.get(name) : List.of(name);
            for (String n : names) {
                int i = labels.indexOf(n);
                if (i < 0) {
                    throw new IllegalArgumentException("label '" + datasetLabel + "' is not in the taxonomy " + labels
                            + (aliases.isEmpty() ? "" : " nor an alias " + aliases.keySet()));
                }
                if (!out.contains(i)) {
                    out.add(i);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The 0/1 target row of a dataset label: 1 for every label it stands for. */
    public float[] targetOf(String datasetLabel) {
        float[] row = new float[labels.size()];
        for (int c : classesOf(datasetLabel)) {
            row[c] = 1f;
        }
        return row;
    }

    /** Whether a predicted class is right for a dataset label (any label of its set). */
    public boolean admits(String datasetLabel, int predictedClass) {
        for (int c : classesOf(datasetLabel)) {
            if (c == predictedClass) {
                return true;
            }
        }
        return false;
    }

    /** Checks every dataset label before any work starts. */
    public void checkAll(List<String> datasetLabels) {
        datasetLabels.stream().distinct().forEach(this::classesOf);
    }
}
