package io.genrestream.cli.demo;

import io.genrestream.producer.ChunkPublisher;
import io.genrestream.producer.FolderUploader;
import io.genrestream.producer.TrackUploader;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.FfmpegDecoder;
import io.genrestream.producer.source.TrackIds;
import io.genrestream.stack.LocalStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The README's first command: a real local Kafka broker and schema registry, the streams app with a model bundle,
 * and a producer streaming the bundled sample audio; every segment score and track verdict is printed as it
 * arrives. Everything runs on this machine and nothing is downloaded.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        version = "genre-stream 0.1.0",
        description = {"Runs Genre Stream end to end on this machine, nothing downloaded.",
            "A real KRaft broker and schema registry, the streams app with a model bundle, and a producer streaming "
                + "sample audio. Prints segment scores and track verdicts; stops on Ctrl-C, or when every sample "
                + "has its verdict with --once."})
public final class DemoCommand implements Callable<Integer> {

    /** The demo's own data lives here, and it is wiped at each start: a demo begins from nothing. */
    private static final String MARKER = ".genre-stream-demo";
    /** How long Ctrl-C waits for the orderly stop before the JVM exits anyway (the stack's own hooks still run). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** Counted down once everything the demo started is closed. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Spec
    private CommandSpec spec;

    @Option(names = "--once", description = "Exit when every sample track has its verdict.")
    private boolean once;

    @Option(names = "--samples", defaultValue = "${sys:genre.home:-.}/samples", paramLabel = "DIR",
            description = "Audio files to stream, one track each (default: ${DEFAULT-VALUE}).")
    private Path samples;

    @Option(names = "--bundle", defaultValue = "${sys:genre.home:-.}/bundles/default", paramLabel = "DIR",
            description = "Model bundle written by model-trainer (default: ${DEFAULT-VALUE}).")
    private Path bundle;

    @Option(names = "--data-dir", defaultValue = ".genre-stream/demo", paramLabel = "DIR",
            description = "Broker, registry and state-store data; wiped at start (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the dashboard and REST API (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--realtime", description = "Pace each track at playback speed instead of as fast as possible.")
    private boolean realtime;

    @Option(names = "--timeout", defaultValue = "PT3M", paramLabel = "DURATION",
            description = "With --once: give up after this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws Exception {
        List<Path> files = sampleFiles();
        requireBundle();
        resetDataDirectory();

        Map<String, String> titles = new LinkedHashMap<>();
        for (Path file : files) {
            titles.put(TrackIds.ofFile(file), file.getFileName().toString());
        }
        out("Starting a local Kafka broker and schema registry under " + dataDir.toAbsolutePath() + " ...");
        try (LocalStack stack = LocalStack.builder().optDataDirectory(dataDir.resolve("stack")).build().start()) {
            out("Broker " + stack.bootstrapServers() + ", schema registry " + stack.schemaRegistryUrl());
            out("Starting the streams app with bundle " + bundle.toAbsolutePath() + " ...");
            try (EmbeddedServer app = ApplicationContext.run(EmbeddedServer.class, appProperties(stack))) {
                out("Dashboard: http://localhost:" + app.getPort() + "/   REST: http://localhost:" + app.getPort()
                        + "/tracks   metrics: http://localhost:" + app.getPort() + "/prometheus");
                CountDownLatch allVerdicts = new CountDownLatch(titles.size());
                try (VerdictPrinter printer = new VerdictPrinter(stack, titles, allVerdicts, DemoCommand::out)) {
                    printer.start();
                    upload(stack, files);
                    return waitForVerdicts(allVerdicts, titles.size());
                }
            }
        } finally {
            out("Stopped; no process left behind. Data: " + dataDir.toAbsolutePath());
            stopped.countDown();
        }
    }

    private int waitForVerdicts(CountDownLatch allVerdicts, int tracks) throws InterruptedException {
        if (!once) {
            out("Streaming done; the app keeps running. Ctrl-C stops everything.");
            stopRequested().await();
            out("Stopping ...");
            return 0;
        }
        if (allVerdicts.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            out("All " + tracks + " tracks have their verdict.");
            return 0;
        }
        out("Timed out after " + timeout + ": " + allVerdicts.getCount() + " of " + tracks + " verdicts missing.");
        return 1;
    }

    /**
     * Released by Ctrl-C: the shutdown hook wakes the main thread, which closes the printer, the app and the stack
     * in that order, and waits until it has ({@link #stopped}).
     */
    private CountDownLatch stopRequested() {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-stop"));
        return stop;
    }

    private void upload(LocalStack stack, List<Path> files) throws InterruptedException {
        try (ChunkPublisher publisher = ChunkPublisher.builder()
                .setBootstrapServers(stack.bootstrapServers())
                .setSchemaRegistryUrl(stack.schemaRegistryUrl())
                .build()) {
            TrackUploader uploader = TrackUploader.builder()
                    .setPublisher(publisher)
                    .setDecoder(new AudioFileDecoder(FfmpegDecoder.onPath()))
                    .optRealtime(realtime)
                    .build();
            FolderUploader.FolderReport report = new FolderUploader(uploader).upload(files, outcome -> {
                if (outcome instanceof FolderUploader.FileOutcome.Skipped skipped) {
                    out("Skipped " + skipped.file().getFileName() + ": " + skipped.reason());
                } else {
                    out("Sent " + outcome.file().getFileName());
                }
            });
            out("Producer: " + report.sent().size() + " tracks sent, " + report.skipped().size() + " skipped.");
        }
    }

    private Map<String, Object> appProperties(LocalStack stack) {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", stack.bootstrapServers());
        props.put("kafka.streams.default.schema.registry.url", stack.schemaRegistryUrl());
        props.put("kafka.streams.default.state.dir", dataDir.resolve("state").toAbsolutePath().toString());
        props.put("genre.bundle.path", bundle.toAbsolutePath().toString());
        props.put("micronaut.server.port", httpPort);
        return props;
    }

    private List<Path> sampleFiles() throws IOException {
        if (!Files.isDirectory(samples)) {
            throw new ParameterException(spec.commandLine(), "--samples: no such directory: " + samples);
        }
        List<Path> files = FolderUploader.listFiles(samples).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".md"))
                .toList();
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--samples: no audio files in " + samples);
        }
        return files;
    }

    private void requireBundle() {
        if (!Files.isRegularFile(bundle.resolve("bundle.json"))) {
            throw new ParameterException(spec.commandLine(),
                    "--bundle: " + bundle + " is not a model bundle (no bundle.json); build one with model-trainer");
        }
    }

    private void resetDataDirectory() throws IOException {
        if (Files.exists(dataDir)) {
            if (!Files.exists(dataDir.resolve(MARKER))) {
                throw new ParameterException(spec.commandLine(), "--data-dir: " + dataDir
                        + " exists and was not made by the demo; refusing to wipe it");
            }
            try (var paths = Files.walk(dataDir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve(MARKER), "created by genre-stream demo at " + Instant.now() + "\n");
    }

    private static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
