package io.genrestream.trainer.training;

import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelRole;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.folds.TrackSplits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The summary MLP as a cross-validated model: per fold, a stratified inner validation split of the training tracks
 * for early stopping, then scoring of the test rows through the same {@link BatchScorer} translator the app uses.
 * With {@code members > 1}, that many MLPs with different seeds are trained and their probabilities averaged.
 */
public final class MlpClassifier implements FoldClassifier {

    private final String name;
    private final MlpSettings settings;
    private final int members;
    private final List<TrainingHistory> histories = Collections.synchronizedList(new ArrayList<>());

    /** An MLP (members = 1) or a seed ensemble of MLPs. */
    public MlpClassifier(String name, MlpSettings settings, int members) {
        if (members < 1) {
            throw new IllegalArgumentException("an MLP ensemble needs at least one member, got " + members);
        }
        this.name = name;
        this.settings = settings;
        this.members = members;
    }

    @Override
    public String name() {
        return name;
    }

    /** Training histories of the first member of every fold trained so far. */
    public List<TrainingHistory> histories() {
        return List.copyOf(histories);
    }

    @Override
    public float[][] fitPredict(FeatureTable table, int[] train, int[] test) {
        float[][] sum = new float[test.length][table.labels().size()];
        for (int m = 0; m < members; m++) {
            MlpSettings memberSettings = settings.withSeed(settings.seed() + m);
            TrackSplits.Split inner = TrackSplits.stratifiedHoldout(table, train, settings.validationFraction(),
                    memberSettings.seed());
            try (MlpTrainer.Result result = MlpTrainer.fit(table, inner.train(), inner.test(), memberSettings,
                    epoch -> { });
                 BatchScorer scorer = BatchScorer.forModel(ModelRole.SUMMARY, result.model(),
                         result.normalization(), table.labels().size())) {
                if (m == 0) {
                    histories.add(result.history());
                }
                float[][] p = scorer.scoreRows(table.rows(test));
                for (int i = 0; i < p.length; i++) {
                    for (int c = 0; c < p[i].length; c++) {
                        sum[i][c] += p[i][c] / members;
                    }
                }
            }
        }
        return sum;
    }
}
