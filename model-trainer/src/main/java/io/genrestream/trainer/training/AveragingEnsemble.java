package io.genrestream.trainer.training;

import io.genrestream.trainer.data.FeatureTable;
import java.util.List;

/** Soft voting: the mean of its members' class probabilities. */
public final class AveragingEnsemble implements FoldClassifier {

    private final String name;
    private final List<FoldClassifier> members;

    /** An ensemble of {@code members}, each weighted alike. */
    public AveragingEnsemble(String name, List<FoldClassifier> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs members");
        }
        this.name = name;
        this.members = List.copyOf(members);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[][] fitPredict(FeatureTable table, int[] train, int[] test) {
        float[][] sum = new float[test.length][table.labels().size()];
        for (FoldClassifier member : members) {
            float[][] p = member.fitPredict(table, train, test);
            for (int i = 0; i < p.length; i++) {
                for (int c = 0; c < p[i].length; c++) {
                    sum[i][c] += p[i][c] / members.size();
                }
            }
        }
        return sum;
    }
}
