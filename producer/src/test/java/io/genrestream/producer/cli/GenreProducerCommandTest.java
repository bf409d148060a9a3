package io.genrestream.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.genrestream.audio.PcmFormat;
import io.genrestream.audio.TestAudio;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument handling and bad input of the CLI; every case here fails before Kafka is contacted. */
class GenreProducerCommandTest {

    /** An address nothing listens on: a test that wrongly got as far as Kafka would fail, not hang. */
    private static final String NO_BROKER = "127.0.0.1:1";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = GenreProducerCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpOnEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("file", "dir", "url", "stdin", "simulate", "Exit codes");
        for (String command : new String[] {"file", "dir", "url", "stdin", "simulate"}) {
            assertThat(run(command, "--help")).as(command).isZero();
        }
        assertThat(out.toString()).contains("--bootstrap-servers", "--schema-registry-url", "--config", "--topic",
                "--chunk-ms", "--realtime", "--station", "--max-retries", "--rate", "--channels", "--from");
    }

    @Test
    void missingSubcommandOrArgumentsAreUsageErrors() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("file")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
        assertThat(run("url", "http://127.0.0.1:1/stream")).isEqualTo(2);
        assertThat(err.toString()).contains("--station");
        assertThat(run("stdin", "--rate", "22050")).isEqualTo(2);
        assertThat(run("simulate", "many")).isEqualTo(2);
    }

    @Test
    void outOfRangeChunkDurationIsAUsageError() {
        assertThat(run("file", "x.wav", "--chunk-ms", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--chunk-ms must be between 10 and 10000, got 5");
    }

    @Test
    void badDurationIsAUsageError() {
        assertThat(run("simulate", "2", "--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void missingFileFailsWithItsName() {
        Path missing = dir.resolve("missing.wav");
        assertThat(run("file", missing.toString(), "--bootstrap-servers", NO_BROKER)).isEqualTo(1);
        assertThat(err.toString()).contains("file not found: " + missing);
    }

    @Test
    void corruptHeaderFails() throws Exception {
        Path bad = Files.write(dir.resolve("bad.wav"),
                "RIFF\0\0\0\0WAVEfmt garbage garbage garbage".getBytes(StandardCharsets.US_ASCII));
        assertThat(run("file", bad.toString(), "--bootstrap-servers", NO_BROKER)).isEqualTo(1);
        assertThat(err.toString()).contains("corrupt").contains("bad.wav");
    }

    @Test
    void unsupportedFormatWithoutFfmpegNamesTheTool() throws Exception {
        PcmFormat format = new PcmFormat(8000, 1);
        Path flac = Files.write(dir.resolve("song.flac"), new byte[] {'f', 'L', 'a', 'C', 0, 0, 0, 34});
        String noFfmpeg = dir.resolve("bin/ffmpeg").toString();
        assertThat(run("file", flac.toString(), "--ffmpeg", noFfmpeg, "--bootstrap-servers", NO_BROKER))
                .isEqualTo(1);
        assertThat(err.toString()).contains("ffmpeg is needed to decode song.flac").contains(noFfmpeg);
        // A WAV next to it still needs no ffmpeg: it gets past decoding and fails only at the missing --config.
        Path wav = TestAudio.writeWav(dir.resolve("ok.wav"), format, TestAudio.tonePcm(format, 0.1, 1));
        assertThat(run("file", wav.toString(), "--ffmpeg", noFfmpeg, "--config", dir.resolve("none.properties")
                .toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--config file not found");
    }

    @Test
    void durationConverterReadsHumanAndIsoForms() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("500ms").toMillis()).isEqualTo(500);
        assertThat(converter.convert("1.5s").toMillis()).isEqualTo(1500);
        assertThat(converter.convert("2").toMillis()).isEqualTo(2000);
        assertThat(converter.convert("5m").toSeconds()).isEqualTo(300);
        assertThat(converter.convert("PT1H").toMinutes()).isEqualTo(60);
    }
}
