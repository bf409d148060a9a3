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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

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

    /** The command families, in the order {@code --help} lists them. */
    private static final Map<String, Supplier<CommandLine>> FAMILIES = families();

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
        System.exit(newCommandLine(args.length > 0 ? args[0] : null).execute(args));
    }

    /** The configured command line with every command (tests call {@code execute} on it without exiting the JVM). */
    public static CommandLine newCommandLine() {
        return newCommandLine(null);
    }

    /**
     * The command line with only the family of {@code command} when it names one, else with every family (for
     * {@code --help}, a mistyped command and no command at all). picocli reflects every option of every command it is
     * given, which for all five families took 0.6 s of each start: a restart of the app should not wait for the
     * trainer's options (docs/benchmarks.md, "Failover (issue 17)").
     */
    static CommandLine newCommandLine(String command) {
        CommandLine cli = new CommandLine(new GenreStreamCommand());
        // set before the subcommands are added, so each mounted family keeps its own handler (see below)
        cli.setExecutionExceptionHandler(new FamilyExceptionHandler());
        FAMILIES.forEach((name, family) -> {
            if (!FAMILIES.containsKey(command) || name.equals(command)) {
                mount(cli, name, family.get());
            }
        });
        return cli;
    }

    private static Map<String, Supplier<CommandLine>> families() {
        Map<String, Supplier<CommandLine>> families = new LinkedHashMap<>();
        families.put("demo", () -> new CommandLine(new DemoCommand()));
        families.put("stack", () -> new CommandLine(new LocalStackMain()));
        families.put("app", () -> new CommandLine(new AppCommand()));
        families.put("produce", GenreProducerCommand::newCommandLine);
        families.put("train", GenreTrainer::newCommandLine);
        return families;
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
