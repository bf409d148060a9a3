package io.genrestream.producer.cli;

import io.genrestream.producer.ChunkPublishException;
import io.genrestream.audio.AudioDecodeException;
import io.genrestream.topics.TopicSetupException;
import java.io.PrintWriter;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * {@code genre-producer}: pushes audio into Kafka as ordered PCM chunks for Genre Stream. Subcommands:
 * {@code file}, {@code dir}, {@code url}, {@code stdin}, {@code simulate}.
 */
@Command(name = "genre-producer", mixinStandardHelpOptions = true, version = "genre-producer 0.1.0",
        description = "Sends audio to Kafka as ordered PCM chunks (Avro AudioChunk, Confluent wire format).",
        subcommands = {FileCommand.class, DirCommand.class, UrlCommand.class, StdinCommand.class,
            SimulateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (message on standard error)", "2:bad arguments",
            "3:dir: some files were skipped"})
public final class GenreProducerCommand implements Runnable {

    /** Exit code of {@code dir} when some files were skipped but the others were sent. */
    public static final int EXIT_SOME_SKIPPED = 3;

    private static final String LOGBACK_CONFIG = "genre-producer-logback.xml";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (also for tests, which call {@code execute} without exiting the JVM). */
    public static CommandLine newCommandLine() {
        return new CommandLine(new GenreProducerCommand())
                .setExecutionExceptionHandler(new MessageOnlyHandler());
    }

    /**
     * Prints expected failures (bad input file, Kafka or registry unreachable) as one line instead of a stack
     * trace; anything unexpected keeps its stack trace.
     */
    static final class MessageOnlyHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
            PrintWriter err = commandLine.getErr();
            boolean expected = e instanceof AudioDecodeException || e instanceof ChunkPublishException
                    || e instanceof TopicSetupException || e instanceof KafkaException
                    || e instanceof IllegalArgumentException || e instanceof java.io.IOException;
            err.println(commandLine.getColorScheme().errorText(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage()));
            if (!expected) {
                e.printStackTrace(err);
            }
            err.flush();
            return commandLine.getCommandSpec().exitCodeOnExecutionException();
        }
    }
}
