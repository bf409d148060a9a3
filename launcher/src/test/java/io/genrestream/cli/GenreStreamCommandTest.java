package io.genrestream.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The top-level command line as a user meets it: the command list, every --help, and bad arguments. */
class GenreStreamCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** As {@code main} runs it: only the family of the first argument when it names one. */
    private int run(String... args) {
        CommandLine cli = GenreStreamCommand.newCommandLine(args.length > 0 ? args[0] : null);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: genre-stream").contains("Commands:");
        for (String command : new String[] {"demo", "stack", "app", "produce", "train"}) {
            assertThat(out.toString()).containsPattern("(?m)^\\s+" + command + "\\s");
        }
        assertThat(GenreStreamCommand.newCommandLine().getSubcommands().keySet())
                .containsExactly("demo", "stack", "app", "produce", "train");
    }

    @Test
    void aCommandIsBuiltWithoutTheOtherFamilies() {
        assertThat(GenreStreamCommand.newCommandLine("app").getSubcommands().keySet()).containsExactly("app");
        assertThat(GenreStreamCommand.newCommandLine("train").getSubcommands().keySet()).containsExactly("train");
        assertThat(GenreStreamCommand.newCommandLine("--help").getSubcommands().keySet())
                .containsExactly("demo", "stack", "app", "produce", "train");
        assertThat(GenreStreamCommand.newCommandLine("dance").getSubcommands()).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "stack", "app", "produce", "train", "produce dir", "produce url", "train train-bundle"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");
        assertThat(run(args)).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: genre-stream " + command);
    }

    @Test
    void mountedCommandsKeepTheirOptions() {
        assertThat(run("stack", "--help")).isZero();
        assertThat(out.toString()).contains("--data-dir");
        assertThat(run("app", "--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--registry-url", "--bundle", "--port");
    }

    @Test
    void noCommandIsAnErrorNamingTheCommands() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("a command is required: demo, stack, app, produce, train");
    }

    @Test
    void unknownCommandIsAnError() {
        assertThat(run("dance")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'dance'");
    }

    @Test
    void unknownOptionOfAMountedCommandIsAnError() {
        assertThat(run("stack", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'").contains("Usage: genre-stream stack");
    }

    @Test
    void badValueIsAnError() {
        assertThat(run("app", "--port", "eighty")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--port'");
    }

    @Test
    void appRefusesADirectoryThatIsNotABundle() {
        assertThat(run("app", "--bundle", "/no/such/bundle")).isEqualTo(2);
        assertThat(err.toString()).contains("--bundle: /no/such/bundle is not a model bundle");
    }

    @Test
    void producerFailuresKeepTheProducersMessageAndExitCode() {
        assertThat(run("produce", "file", "/no/such/file.wav", "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).contains("genre-stream produce file: ").contains("/no/such/file.wav")
                .doesNotContain("\tat ");
    }

    @Test
    void appOptionsMapOntoTheAppsSettings() {
        CommandLine cli = GenreStreamCommand.newCommandLine();
        cli.parseArgs("app", "--bootstrap-servers", "b:9092", "--registry-url", "http://r:8081", "--bundle", "/m",
                "--port", "9090", "--set", "genre.scoring.linger=20ms");
        AppCommand app = cli.getSubcommands().get("app").getCommand();
        assertThat(app.properties())
                .containsEntry("kafka.bootstrap.servers", "b:9092")
                .containsEntry("kafka.streams.default.schema.registry.url", "http://r:8081")
                .containsEntry("genre.bundle.path", "/m")
                .containsEntry("micronaut.server.port", 9090)
                .containsEntry("genre.scoring.linger", "20ms")
                .doesNotContainKey("kafka.streams.default.application.server");
    }
}
