package io.genrestream.cli;

import io.genrestream.producer.source.TrackIds;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code genre-stream app} as a user runs it: its own JVM against a real broker and registry, the default bundle, a
 * track sent with {@code genre-stream produce file}, its verdict read over REST, and a stop on SIGTERM.
 */
@WithKafkaStack
class AppCommandEndToEndTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path SAMPLE = REPOSITORY.resolve("samples/metal.muldjord.chaos_god.wav");
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration VERDICT = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void appServesTheVerdictOfAProducedTrackAndStopsOnSigterm(StackEndpoints stack, @TempDir Path dir)
            throws Exception {
        int port = freePort();
        Path log = dir.resolve("app.log");
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dlogback.configurationFile=" + GenreStreamCommand.DEFAULT_LOGGING,
                "-cp", System.getProperty("java.class.path"), GenreStreamCommand.class.getName(), "app",
                "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.schemaRegistryUrl(),
                "--bundle", REPOSITORY.resolve("bundles/default").toString(), "--port", Integer.toString(port),
                "--state-dir", dir.resolve("state").toString(), "--set", "genre.scoring.linger=20ms")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(await(port, "/health", "\"status\":\"UP\"", STARTUP, app)).as(tail(log))
                    .contains("\"status\":\"UP\"");

            int sent = GenreStreamCommand.newCommandLine().execute("produce", "file", SAMPLE.toString(),
                    "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());
            assertThat(sent).isZero();

            // the track is listed while it is scored; its verdict is the answer with finished = true
            String verdict = await(port, "/tracks/" + TrackIds.ofFile(SAMPLE), "\"finished\":true", VERDICT, app);
            assertThat(verdict).as(tail(log)).contains("\"finished\":true").contains("\"segmentCount\":5")
                    // the default bundle calls the metal sample metal (0.73 in ./genre-stream demo --once)
                    .contains("\"genre\":\"metal\"");
        } finally {
            app.destroy();
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("app stopped on SIGTERM").isTrue();
        }
    }

    /** Polls {@code path} until it answers 200 with {@code expected} in the body; the last body when time runs out. */
    private String await(int port, String path, String expected, Duration timeout, Process app) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no 200 from " + path + " within " + timeout;
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("app process alive").isTrue();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    last = response.body();
                    if (last.contains(expected)) {
                        return last;
                    }
                }
            } catch (IOException notListeningYet) {
                // the server is still starting
            }
            Thread.sleep(500);
        }
        return last;
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return "app log tail:\n" + text.substring(Math.max(0, text.length() - 4000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
