package io.genrestream.trainer.training;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.genrestream.model.ModelBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Seed ensembles: members trained apart (member {@code m} with seed {@code seed + m}) and served as one model whose
 * block is genre-core's seed-ensemble block ({@code GenreBlocks}), so that one parameter file holds every member.
 */
final class SeedEnsembles {

    private SeedEnsembles() {
    }

    /**
     * Trains {@code count} members and returns the single member, or with more than one their combination; the
     * members are closed once combined.
     *
     * @param member  trains member {@code m}
     * @param combine builds the ensemble from the trained members
     * @param close   closes a member
     */
    static <R> R fit(int count, IntFunction<R> member, Function<List<R>, R> combine, Consumer<R> close) {
        if (count < 1) {
            throw new IllegalArgumentException("a seed ensemble needs at least one member, got " + count);
        }
        List<R> trained = new ArrayList<>();
        try {
            for (int m = 0; m < count; m++) {
                trained.add(member.apply(m));
            }
            return count == 1 ? trained.get(0) : combine.apply(trained);
        } finally {
            if (count > 1) {
                trained.forEach(close);
            }
        }
    }

    /**
     * A new model of the ensemble {@code block} whose members' weights are copied from the trained {@code members}
     * (the ensemble block lists its members' parameters member after member, each in the member's own order).
     *
     * @param inputShape one example's input shape with a batch axis: initialising the block with it gives the block
     *                   the input shapes {@code Model.save} writes; the random weights are then overwritten
     */
    static Model combine(String name, Block block, Shape inputShape, List<Model> members) {
        Model model = Model.newInstance(name, ModelBundle.ENGINE);
        try {
            model.setBlock(block);
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
            List<float[]> weights = new ArrayList<>();
            members.forEach(m -> weights.addAll(EpochLoop.snapshot(m)));
            EpochLoop.restore(model, weights);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
