package io.genrestream.app;

import io.genrestream.stack.LoopbackPorts;
import io.genrestream.topics.GenreTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real app ({@link Application}) in a child JVM, as an operator runs it: its own state directory, HTTP port and
 * log file, settings as system properties. Used by the crash and failover tests and the failover harness, which need
 * to kill -9 or stop an instance and start it again on the same state.
 */
public final class AppProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);
    private static final List<String> TOPICS = List.of(GenreTopics.AUDIO_CHUNKS, GenreTopics.SEGMENT_SCORES,
            GenreTopics.TRACK_GENRES, GenreTopics.STREAM_GENRES, GenreTopics.GENRE_CHANGES, GenreTopics.DEAD_LETTERS);
    private static final String BUNDLE_PATH = "genre.bundle.path";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> properties;
    private final Path log;
    private final int httpPort;
    private final List<String> jvmOptions = new ArrayList<>();
    private Path launcher;
    private Process process;

    private AppProcess(String name, Map<String, String> properties, Path log, int httpPort) {
        this.name = name;
        this.properties = properties;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Settings shared by every instance of one run: the stack, an application id and topics named after {@code run},
     * a small real model bundle, fast commits.
     */
    public static Map<String, String> runProperties(String bootstrapServers, String registryUrl, String run,
                                                    Path bundle) {
        Map<String, String> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", bootstrapServers);
        props.put("kafka.streams.default.application.id", run);
        props.put("kafka.streams.default.schema.registry.url", registryUrl);
        props.put("kafka.streams.default.commit.interval.ms", "100");
        props.put(BUNDLE_PATH, bundle.toString());
        props.put("genre.scoring.batch-size", "4");
        props.put("genre.scoring.linger", "100ms");
        for (String topic : TOPICS) {
            props.put(GenreTopics.PREFIX + topic + ".name", run + "-" + topic);
        }
        return props;
    }

    /** The topics of a run made by {@link #runProperties}. */
    public static GenreTopics runTopics(String registryUrl, String run) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", registryUrl);
        for (String topic : TOPICS) {
            config.put(GenreTopics.PREFIX + topic + ".name", run + "-" + topic);
        }
        return new GenreTopics(config);
    }

    /**
     * One instance: the run's settings plus its own state directory ({@code dir/state}), log ({@code dir/app.log})
     * and HTTP port, advertised as its {@code application.server} so the instances forward queries to each other.
     * Not started yet.
     */
    public static AppProcess instance(String name, Map<String, String> runProperties, Path dir) throws IOException {
        Files.createDirectories(dir);
        int port = LoopbackPorts.findFree();
        Map<String, String> props = new HashMap<>(runProperties);
        props.put("kafka.streams.default.state.dir", dir.resolve("state").toString());
        props.put("micronaut.server.port", Integer.toString(port));
        props.put("kafka.streams.default.application.server", LoopbackPorts.HOST + ":" + port);
        return new AppProcess(name, props, dir.resolve("app.log"), port);
    }

    /** Adds options to the JVM command line of every later {@link #start} (e.g. a class data sharing archive). */
    public AppProcess withJvmOptions(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    /**
     * Runs every later {@link #start} through a distribution's launcher script, {@code bin/genre-stream app}, as an
     * operator does (with what the script adds, such as its class data sharing archive), instead of {@code java} on
     * this JVM's class path.
     */
    public AppProcess withLauncher(Path script) {
        launcher = script;
        return this;
    }

    /** Starts the JVM (again, on the same state directory, after a kill or stop); appends to the log. */
    public AppProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher == null ? javaCommand() : launcherCommand());
        if (launcher != null) {
            builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions()));
        }
        LOG.info("Starting app instance {} in a child JVM (HTTP port {}, log {}{})", name, httpPort, log,
                launcher == null ? "" : ", through " + launcher);
        process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return this;
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx768m", "-Dai.djl.offline=true"));
        options.addAll(jvmOptions);
        return options;
    }

    private List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Application.class.getName());
        return command;
    }

    /** {@code genre-stream app --bundle B --set KEY=VALUE …}: the command's --bundle wins over any bundle setting. */
    private List<String> launcherCommand() {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "app", "--bundle",
                properties.get(BUNDLE_PATH)));
        properties.forEach((k, v) -> {
            if (!k.equals(BUNDLE_PATH)) {
                command.add("--set");
                command.add(k + "=" + v);
            }
        });
        return command;
    }

    /** kill -9: no shutdown hook, no leaving the group, an open transaction left behind. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        LOG.info("Killed app instance {} (SIGKILL)", name);
    }

    /** SIGTERM, as an orchestrator stops it: Micronaut's shutdown hook closes Kafka Streams. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            LOG.warn("App instance {} did not stop within 90 s after SIGTERM; killing it", name);
            kill();
        }
    }

    /**
     * GET on this instance's HTTP server, or null when it does not answer (not started yet, killed).
     *
     * @param headers name, value, name, value …
     */
    public HttpResponse<String> get(String path, String... headers) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create("http://" + LoopbackPorts.HOST + ":" + httpPort + path)).timeout(Duration.ofSeconds(15));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        HttpRequest request = builder.GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException notAnswering) {
            return null;
        }
    }

    /** The log file (both JVM runs of this instance append to it). */
    public Path log() {
        return log;
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            stop();
        }
    }
}
