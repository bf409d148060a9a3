package io.genrestream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's answers that need no running stack. */
class LocalStackMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new LocalStackMain())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--data-dir", "--fresh", "--broker-port", "--registry-port", "Ctrl-C");
    }

    @Test
    void tooSmallHeapIsABadArgument() {
        assertThat(run("--broker-heap-mb", "16")).isEqualTo(2);
        assertThat(err.toString()).contains("heap must be at least 64 MB, got 16");
    }

    @Test
    void unknownOptionIsABadArgument() {
        assertThat(run("--brokers", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "'--brokers'");
    }
}
