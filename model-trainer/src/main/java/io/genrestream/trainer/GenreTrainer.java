package io.genrestream.trainer;

import io.genrestream.model.TorchThreads;
import io.genrestream.trainer.cli.BenchmarkCommand;
import io.genrestream.trainer.cli.BundleCommand;
import io.genrestream.trainer.cli.CvCommand;
import io.genrestream.trainer.cli.FeatureTableCommand;
import io.genrestream.trainer.cli.SequenceModelsCommand;
import io.genrestream.trainer.cli.TrainBundleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command line of the model trainer: {@code train-bundle} (the served bundle: GRU and summary MLP from labelled audio
 * of every source), {@code seq} (segment-model studies and distillation), {@code cv} and {@code bundle} (summary
 * models on a feature table), {@code feature-table}, {@code benchmark}; {@code --help} on each.
 */
@Command(name = "model-trainer", mixinStandardHelpOptions = true, version = "genre-stream model-trainer 0.1",
        description = "Trains and evaluates Genre Stream's models and writes the model bundle the app serves.",
        subcommands = {TrainBundleCommand.class, SequenceModelsCommand.class, CvCommand.class, BundleCommand.class,
                FeatureTableCommand.class, BenchmarkCommand.class})
public final class GenreTrainer implements Runnable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GenreTrainer.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Sets PyTorch's thread counts before the engine starts. One thread is the default: the small models here train
     * more than ten times faster with one thread than with two on a busy 2-core machine (measured, see
     * docs/history/benchmarks-history.md).
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
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}
