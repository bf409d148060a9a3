package io.genrestream.cli;

import io.genrestream.cli.demo.DemoCommand;
import io.genrestream.producer.cli.GenreProducerCommand;
import io.genrestream.stack.LocalStackMain;
import io.genrestream.trainer.GenreTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.util.Map;

/**
 * {@code genre-stream}: the one entry point. Its subcommands are the project's existing command lines, mounted as
 * they are: {@code demo}, {@code stack} ({@link LocalStackMain}), {@code app} ({@link AppCommand}), {@code produce}
 * ({@link GenreProducerCommand}) and {@code train} ({@link GenreTrainer}).
 */
@Command(name = "genre-stream", mixinStandardHelpOptions = true, version = "genre-stream 0.1.0",
        description = "Genre Stream: tells the music genre of audio streams in real time (Kafka Streams + DJL).",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'genre-stream COMMAND --help' for a command's options."})
public final class GenreStreamCommand implements Runnable {

    /** Logging configuration of each command (its first argument); the others use {@link #DEFAULT_LOGGING}. */
    static final Map<String, String> LOGGING = Map.of(
            "demo", "logback-demo.xml",
            "produce", "genre-producer-logback.xml");
    /** Warnings and progress on standard error: standard output carries the commands' results. */
    static final String DEFAULT_LOGGING = "genre-stream-logback.xml";

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: " + String.join(", ",
                spec.subcommands().keySet()));
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // set before any logger exists: each command family keeps the console output it had as its own program
        if (System.getProperty("logback.configurationFile") == null) {
            String command = args.length > 0 ? args[0] : "";
            System.setProperty("logback.configurationFile", LOGGING.getOrDefault(command, DEFAULT_LOGGING));
        }
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (tests call {@code execute} on it without exiting the JVM). */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new GenreStreamCommand());
        // set before the subcommands are added, so each mounted family keeps its own handler (see below)
        cli.setExecutionExceptionHandler(new FamilyExceptionHandler());
        mount(cli, "demo", new CommandLine(new DemoCommand()));
        mount(cli, "stack", new CommandLine(new LocalStackMain()));
        mount(cli, "app", new CommandLine(new AppCommand()));
        mount(cli, "produce", GenreProducerCommand.newCommandLine());
        mount(cli, "train", GenreTrainer.newCommandLine());
        return cli;
    }

    /** Adds {@code command} under {@code name}, renamed so its usage and messages say {@code genre-stream NAME}. */
    private static void mount(CommandLine cli, String name, CommandLine command) {
        command.getCommandSpec().name(name);
        cli.addSubcommand(name, command);
    }

    /**
     * picocli asks only the top-level command's handler; this one hands a failure to the handler of the mounted
     * command family it happened in (producer and trainer print expected failures as one line with their own exit
     * codes), and rethrows when the family has none, as picocli does by default.
     */
    static final class FamilyExceptionHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine failed, ParseResult parsed) throws Exception {
            CommandLine family = failed;
            while (family.getParent() != null && family.getParent().getParent() != null) {
                family = family.getParent();
            }
            IExecutionExceptionHandler handler = family.getExecutionExceptionHandler();
            if (family.getParent() == null || handler == this) {
                throw e;
            }
            return handler.handleExecutionException(e, failed, parsed);
        }
    }
}
