package io.genrestream.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code seq}: the segment-model commands beside {@code train-bundle}, sharing {@link SequenceOptions}: grouped
 * cross-validation of GRU/LSTM/BiLSTM/CNN, hyper-parameter search, segment-length ablation, and distillation from a
 * bundle's summary model.
 */
@Command(name = "seq", mixinStandardHelpOptions = true,
        description = "Segment-model studies on one labelled dataset (cv, search, ablation) and distillation from a "
                + "bundle's summary model (distil); all take the same data and model options. The served bundle is "
                + "train-bundle's.",
        subcommands = {SequenceCvCommand.class, HyperSearchCommand.class, SegmentAblationCommand.class,
                DistilCommand.class})
public final class SequenceModelsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}
