package io.genrestream.trainer;

import io.genrestream.model.TorchThreads;
import io.genrestream.trainer.cli.BenchmarkCommand;
import io.genrestream.trainer.cli.BundleCommand;
import io.genrestream.trainer.cli.CvCommand;
import io.genrestream.trainer.cli.DistilGruCommand;
import io.genrestream.trainer.cli.FeatureTableCommand;
import io.genrestream.trainer.cli.HyperSearchCommand;
import io.genrestream.trainer.cli.SegmentAblationCommand;
import io.genrestream.trainer.cli.SequenceBundleCommand;
import io.genrestream.trainer.cli.SequenceCvCommand;
import io.genrestream.trainer.cli.TrainBundleCommand;
import io.genrestream.trainer.cli.TrainGruCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command line of the model trainer: {@code train-bundle} (the served bundle from labelled audio of every source),
 * {@code cv}, {@code bundle}, {@code train-gru}, {@code distil-gru},
 * {@code benchmark}, {@code seq-cv}, {@code seq-ablation}, {@code seq-search}, {@code seq-bundle}, {@code feature-table};
 * {@code --help} on each.
 */
@Command(name = "model-trainer", mixinStandardHelpOptions = true, version = "genre-stream model-trainer 0.1",
        description = "Trains and evaluates Genre Stream's models and writes the model bundle the app serves.",
        subcommands = {CvCommand.class, BundleCommand.class, TrainGruCommand.class, DistilGruCommand.class,
                BenchmarkCommand.class, SequenceCvCommand.class, SegmentAblationCommand.class,
                HyperSearchCommand.class, SequenceBundleCommand.class, FeatureTableCommand.class,
                TrainBundleCommand.class})
public final class GenreTrainer implements Runnable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GenreTrainer.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Sets PyTorch's thread counts before the engine starts. One thread is the default: the small models here train
     * more than ten times faster with one thread than with two on a busy 2-core machine (measured, see
     * docs/benchmarks.md).
     */
    @CommandLine.Option(names = "--torch-threads", scope = CommandLine.ScopeType.INHERIT, defaultValue = "1",
            description = "PyTorch intra-/inter-op threads (default ${DEFAULT-VALUE})")
    void setTorchThreads(int threads) {
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--torch-threads must be at least 1");
        }
        TorchThreads.set(threads);
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (2 for bad arguments or input, 1 for failures). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured command line, also mounted as {@code genre-stream train}. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new GenreTrainer())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    boolean badInput = e instanceof IllegalArgumentException || e instanceof java.io.IOException;
                    cmd.getErr().println(cmd.getColorScheme().errorText((badInput ? "bad input: " : "failed: ")
                            + e.getMessage()));
                    if (!badInput) {
                        e.printStackTrace(cmd.getErr());
                    } else {
                        LOG.debug("bad input", e);
                    }
                    return badInput ? 2 : 1;
                });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (train-bundle, cv, bundle, train-gru, "
                + "distil-gru, benchmark, seq-cv, seq-ablation, seq-search, seq-bundle, feature-table)");
    }
}
