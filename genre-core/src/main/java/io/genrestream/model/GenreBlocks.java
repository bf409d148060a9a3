package io.genrestream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The DJL blocks of Genre Stream's models. Training and serving both build their blocks here, so the parameters a
 * trainer saves always fit the block the app loads them into.
 */
public final class GenreBlocks {

    private GenreBlocks() {
    }

    /**
     * Recurrent segment model: input [batch, frames, features] → logits [batch, classes].
     * With the {@link RecurrentReadout#LAST} readout the recurrent output's last time step is taken; when
     * bidirectional, the forward half at the last step and the backward half at the first step (where the backward
     * pass ends) are concatenated. With {@link RecurrentReadout#MEAN} the output is averaged over time.
     *
     * <p>Bidirectional models are built from one-directional DJL layers (a forward cell on the sequence, a backward
     * cell on the time-reversed sequence, outputs concatenated per layer): DJL 0.35.1's own bidirectional
     * {@code GRU}/{@code LSTM} hands PyTorch its parameters in the wrong order (all weights, then all biases) and fails
     * with "The size of tensor a (..) must match the size of tensor b (..)".
     *
     * <p>With {@link RecurrentSpec#members()} &gt; 1 a seed ensemble of that many such models (see
     * {@link #summaryMlp}).
     */
    public static Block recurrent(RecurrentSpec spec) {
        if (spec.members() == 1) {
            return singleRecurrent(spec);
        }
        // each member starts from its own NDList of the sequence alone: DJL's PyTorch cells append their initial
        // states to the input list they are given, which the next member would otherwise see
        return averaged(IntStream.range(0, spec.members()).mapToObj(m -> (Block) new SequentialBlock()
                .add(inputs -> new NDList(inputs.head()), "sequence")
                .add(singleRecurrent(spec))).toList());
    }

    private static Block singleRecurrent(RecurrentSpec spec) {
        Block rnn = spec.bidirectional() ? bidirectionalStack(spec) : cells(spec, spec.layers());
        int hidden = spec.hiddenSize();
        boolean bidirectional = spec.bidirectional();
        // the cells' shape inference may list state outputs too: only the sequence output (head) is used
        Block readout = spec.readout() == RecurrentReadout.MEAN
                ? new LambdaBlock(outputs -> new NDList(outputs.head().mean(new int[] {1})), "mean-over-time")
                : new LambdaBlock(outputs -> new NDList(finalStates(outputs.head(), hidden, bidirectional)),
                        "final-states");
        return new SequentialBlock()
                .add(rnn)
                .add(readout)
                .add(Linear.builder().setUnits(spec.classes()).build());
    }

    private static Block cells(RecurrentSpec spec, int layers) {
        return spec.cell() == CellType.GRU
                ? configure(GRU.builder(), spec, layers).build()
                : configure(LSTM.builder(), spec, layers).build();
    }

    private static Block bidirectionalStack(RecurrentSpec spec) {
        SequentialBlock stack = new SequentialBlock();
        for (int layer = 0; layer < spec.layers(); layer++) {
            if (layer > 0 && spec.dropout() > 0) {
                stack.add(Dropout.builder().optRate(spec.dropout()).build());
            }
            // each branch starts from its own NDList of the sequence alone: DJL's PyTorch cells append their initial
            // states to the input list they are given, which the other branch would otherwise see
            Block forward = new SequentialBlock()
                    .add(inputs -> new NDList(inputs.head()), "sequence")
                    .add(cells(spec, 1));
            Block backward = new SequentialBlock()
                    .add(inputs -> new NDList(inputs.head().flip(1)), "reverse-time")
                    .add(cells(spec, 1))
                    .add(outputs -> new NDList(outputs.head().flip(1)), "restore-time");
            stack.add(new ParallelBlock(
                    outputs -> new NDList(NDArrays.concat(
                            new NDList(outputs.get(0).head(), outputs.get(1).head()), -1)),
                    List.of(forward, backward)));
        }
        return stack;
    }

    private static <T extends RecurrentBlock.BaseBuilder<T>> T configure(T builder, RecurrentSpec spec, int layers) {
        return builder.setStateSize(spec.hiddenSize())
                .setNumLayers(layers)
                .optDropRate(spec.dropout())
                .optBatchFirst(true)
                .optReturnState(false);
    }

    private static NDArray finalStates(NDArray sequence, int hidden, boolean bidirectional) {
        if (!bidirectional) {
            return sequence.get(new NDIndex(":, -1, :"));
        }
        NDArray forward = sequence.get(new NDIndex(":, -1, :{}", hidden));
        NDArray backward = sequence.get(new NDIndex(":, 0, {}:", hidden));
        return NDArrays.concat(new NDList(forward, backward), -1);
    }

    /**
     * Summary-feature model: input [batch, inputs] → logits [batch, classes]. One MLP, or with
     * {@link MlpSpec#members()} &gt; 1 a {@link ParallelBlock} of that many MLPs whose output is the log of their mean
     * softmax probabilities, so the softmax the app applies gives the ensemble's averaged probabilities. With
     * {@link MlpSpec#viewMembers()} &gt; 0 the block holds that many more MLPs, after the others, each reading only
     * the first {@link MlpSpec#viewInputs()} inputs, and averages over all of them.
     */
    public static Block summaryMlp(MlpSpec spec) {
        if (spec.members() == 1 && spec.viewMembers() == 0) {
            return mlp(spec);
        }
        List<Block> members = new ArrayList<>();
        IntStream.range(0, spec.members()).forEach(m -> members.add(mlp(spec)));
        String leading = ":, :" + spec.viewInputs();
        IntStream.range(0, spec.viewMembers()).forEach(m -> members.add(new SequentialBlock()
                .add(inputs -> new NDList(inputs.head().get(leading)), "leading-inputs")
                .add(mlp(spec))));
        return averaged(members);
    }

    /** The members side by side; the output is the log of their mean softmax probabilities. */
    private static Block averaged(List<Block> members) {
        return new ParallelBlock(GenreBlocks::logMeanProbability, members);
    }

    private static NDList logMeanProbability(List<NDList> memberLogits) {
        NDList probabilities = new NDList();
        for (NDList logits : memberLogits) {
            probabilities.add(logits.head().softmax(-1));
        }
        return new NDList(NDArrays.stack(probabilities).mean(new int[] {0}).log());
    }

    private static Block mlp(MlpSpec spec) {
        SequentialBlock block = new SequentialBlock();
        for (int units : spec.hidden()) {
            block.add(Linear.builder().setUnits(units).build());
            block.add(Activation.reluBlock());
            if (spec.dropout() > 0) {
                block.add(Dropout.builder().optRate(spec.dropout()).build());
            }
        }
        return block.add(Linear.builder().setUnits(spec.classes()).build());
    }

    /**
     * Log-mel CNN segment model: input [batch, frames, bands] → logits [batch, classes]; see {@link CnnSpec}. The
     * spectrogram gets a channel axis ([batch, 1, frames, bands]) and goes through the convolution blocks, global
     * average pooling, dropout and the linear classifier.
     */
    public static Block cnn(CnnSpec spec) {
        SequentialBlock block = new SequentialBlock()
                .add(inputs -> new NDList(inputs.head().expandDims(1)), "channel-axis");
        for (int channels : spec.channels()) {
            block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(channels).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        block.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
        if (spec.dropout() > 0) {
            block.add(Dropout.builder().optRate(spec.dropout()).build());
        }
        return block.add(Linear.builder().setUnits(spec.classes()).build());
    }
}
