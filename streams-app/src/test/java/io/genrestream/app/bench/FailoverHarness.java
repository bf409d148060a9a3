package io.genrestream.app.bench;

import io.genrestream.app.AppProcess;
import io.genrestream.app.RealBrokerClients;
import io.genrestream.app.TestBundle;
import io.genrestream.app.TrackAudio;
import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.StreamKind;
import io.genrestream.stack.LocalStack;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.topics.GenreTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failover harness (not a test: run it by hand, see docs/benchmarks.md, "Failover (issue 17)"). Starts a real local
 * broker and registry ({@link LocalStack}) and the real app in child JVMs ({@link AppProcess}), feeds one paced LIVE
 * stream per input partition (0.5 s chunks in real time, a segment scored per stream every hop), and disrupts the app:
 * <ul>
 *   <li>{@code graceful-restart}: SIGTERM to the only instance, started again on its state once it has exited;</li>
 *   <li>{@code kill-restart}: kill -9 of the only instance, started again at once on its state;</li>
 *   <li>{@code kill-one-of-two}: kill -9 of the one of two instances that owns more partitions; not restarted;</li>
 *   <li>{@code stop-one-of-two}: SIGTERM to that instance (one step of a rolling restart): the other takes over;</li>
 *   <li>{@code replace}: a restart as a Kubernetes Deployment rolls its one replica with maxSurge 1 and
 *   maxUnavailable 0: a second instance with a state directory of its own starts beside the only one; once its
 *   {@code /health/readiness} is UP and {@code --settle} has passed (its standby tasks restore meanwhile, as
 *   {@code minReadySeconds} would allow), the first gets SIGTERM. The pause counts from the second's start;</li>
 *   <li>{@code broker-outage}: the broker frozen (SIGSTOP) for {@code --outage}, then resumed (SIGCONT): the slowest
 *   answer of {@code /health} and {@code /health/readiness}, asked every 250 ms, and the ERROR lines the app logged
 *   meanwhile.</li>
 * </ul>
 * It reports, per scenario, the longest pause of any stream's scores around the disruption (from the
 * {@code scoredAtMs} of consecutive read_committed scores: what a downstream consumer sees), the time from the
 * disruption to the first score of every stream, and for restarts the time from the new JVM's start to its first
 * score. App settings can be changed with {@code --app-property}, e.g. the pre-issue-17 ones for "before" figures.
 */
@Command(name = "failover-harness", mixinStandardHelpOptions = true,
        description = "Measures how fast the app resumes scoring after a graceful restart, a kill -9 and a restart, "
                + "a kill -9 or SIGTERM of one of two instances, and a replacement by a second instance.")
public final class FailoverHarness implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverHarness.class);
    private static final Duration CHUNK = Duration.ofMillis(500);
    private static final int PARTITIONS = 3;
    private static final Pattern STARTUP_COMPLETED = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*Startup completed");
    private static final Pattern ACTIVE_TASKS = Pattern.compile("\"activeTasks\":\\[([^\\]]*)]");

    enum Scenario {
        GRACEFUL_RESTART, KILL_RESTART, KILL_ONE_OF_TWO, STOP_ONE_OF_TWO, REPLACE, BROKER_OUTAGE;

        boolean twoInstances() {
            return this == KILL_ONE_OF_TWO || this == STOP_ONE_OF_TWO;
        }
    }

    @Option(names = "--scenarios", split = ",", description = "Scenarios (default: all): ${COMPLETION-CANDIDATES}.",
            converter = ScenarioConverter.class)
    private List<Scenario> scenarios = List.of(Scenario.values());

    @Option(names = "--settle", description = "Steady scoring before the disruption (default: ${DEFAULT-VALUE}).")
    private Duration settle = Duration.ofSeconds(15);

    @Option(names = "--recovery-limit", description = "Longest wait for every stream to resume (default: "
            + "${DEFAULT-VALUE}).")
    private Duration recoveryLimit = Duration.ofSeconds(150);

    @Option(names = "--hop-seconds", description = "Segment hop: one score per stream every hop (default: "
            + "${DEFAULT-VALUE}).")
    private double hopSeconds = 1.0;

    @Option(names = "--outage", description = "How long the broker is frozen in broker-outage (default: "
            + "${DEFAULT-VALUE}).")
    private Duration outage = Duration.ofSeconds(20);

    @Option(names = "--static-membership", description = "Give each instance its own group.instance.id.")
    private boolean staticMembership;

    @Option(names = "--app-property", paramLabel = "KEY=VALUE", description = "App setting for every instance, "
            + "e.g. kafka.streams.default.session.timeout.ms=45000 (repeatable).")
    private Map<String, String> appProperties = new LinkedHashMap<>();

    @Option(names = "--app-jvm-option", paramLabel = "OPTION", description = "JVM option for every instance, e.g. "
            + "-XX:SharedArchiveFile=app.jsa (repeatable).")
    private List<String> appJvmOptions = new ArrayList<>();

    @Option(names = "--app-launcher", paramLabel = "SCRIPT", description = "Start every instance through this "
            + "distribution launcher (bin/genre-stream app), e.g. with its class data sharing archive; default: java "
            + "on this JVM's class path.")
    private Path appLauncher;

    @Option(names = "--data-dir", description = "Stack, state and logs (default: ${DEFAULT-VALUE}).")
    private Path dataDir = Path.of("target", "failover-harness");

    public static void main(String[] args) {
        System.exit(new CommandLine(new FailoverHarness()).execute(args));
    }

    /** Case-insensitive, with dashes: kill-restart. */
    static final class ScenarioConverter implements CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            return Scenario.valueOf(value.trim().toUpperCase().replace('-', '_'));
        }
    }

    @Override
    public Integer call() throws Exception {
        Path bundle = TestBundle.write(dataDir.resolve("bundle"));
        List<String> results = new ArrayList<>();
        try (LocalStack stack = LocalStack.builder().optDataDirectory(dataDir.resolve("stack")).build().start()) {
            for (Scenario scenario : scenarios) {
                results.add(scenario.name().toLowerCase().replace('_', '-') + ": " + run(stack, bundle, scenario));
                LOG.info("RESULT {}", results.get(results.size() - 1));
            }
        }
        System.out.println("Failover harness, app settings " + appProperties + ", JVM options " + appJvmOptions
                + (appLauncher == null ? "" : ", launcher " + appLauncher) + (staticMembership
                ? ", static membership" : "") + ", hop " + hopSeconds + " s, load average "
                + String.format("%.1f", ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage()));
        results.forEach(System.out::println);
        return 0;
    }

    private String run(LocalStack stack, Path bundle, Scenario scenario) throws Exception {
        String run = scenario.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString()
                .substring(0, 6);
        Map<String, String> props = AppProcess.runProperties(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                run, bundle);
        props.put("genre.segment.hop-seconds", Double.toString(hopSeconds));
        props.putAll(appProperties);
        GenreTopics topics = AppProcess.runTopics(stack.schemaRegistryUrl(), run);
        int count = scenario.twoInstances() ? 2 : 1;
        List<AppProcess> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(instance(i, props, run));
        }
        StackEndpoints endpoints = new StackEndpoints(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                StackEndpoints.Mode.LOCAL);
        List<String> streams = streamPerPartition(topics, run);
        Map<String, List<Long>> scoredAt = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread feeder = new Thread(() -> feed(endpoints, topics, streams, running), "feeder");
        Thread reader = new Thread(() -> read(endpoints, topics, run, scoredAt, running), "score-reader");
        try {
            for (AppProcess instance : instances) {
                instance.start();
            }
            feeder.start();
            reader.start();
            awaitScores(streams, scoredAt, 0, Duration.ofSeconds(240));
            Thread.sleep(settle.toMillis());

            AppProcess victim = scenario.twoInstances() ? mostTasks(instances) : instances.get(0);
            long disrupted = System.currentTimeMillis();
            long restarted = 0;
            switch (scenario) {
                case GRACEFUL_RESTART -> {
                    victim.stop();
                    restarted = System.currentTimeMillis();
                    victim.start();
                }
                case KILL_RESTART -> {
                    victim.kill();
                    restarted = System.currentTimeMillis();
                    victim.start();
                }
                case REPLACE -> {
                    AppProcess replacement = instance(1, props, run);
                    instances.add(replacement);
                    replacement.start();
                    awaitReady(replacement, recoveryLimit);
                    LOG.info("Instance {} ready {} ms after its start", replacement.name(),
                            System.currentTimeMillis() - disrupted);
                    Thread.sleep(settle.toMillis());
                    victim.stop();
                }
                case KILL_ONE_OF_TWO -> victim.kill();
                case STOP_ONE_OF_TWO -> victim.stop();
                case BROKER_OUTAGE -> {
                    return healthDuringOutage(stack.processes().get(0), victim);
                }
            }
            // a stopping instance goes on scoring until it has closed: only scores after its exit show the resumption
            long gone = System.currentTimeMillis();
            LOG.info("Instance {} gone {} ms after the disruption", victim.name(), gone - disrupted);
            boolean resumed = awaitScores(streams, scoredAt, gone, recoveryLimit);
            Thread.sleep(3000); // the scores of the backlog, for the pause before them
            String result = report(streams, scoredAt, disrupted, gone, restarted, resumed);
            return restarted == 0 ? result : result + afterStartup(victim.log(), streams, scoredAt, restarted);
        } finally {
            running.set(false);
            feeder.join(10_000);
            reader.join(10_000);
            for (AppProcess instance : instances) {
                instance.close();
            }
        }
    }

    /** Instance {@code i} of a run: its own state directory and log, and its own static member id if asked for. */
    private AppProcess instance(int i, Map<String, String> props, String run) throws IOException {
        Map<String, String> own = new HashMap<>(props);
        if (staticMembership) {
            own.put("kafka.streams.default.group.instance.id", run + "-" + i);
        }
        AppProcess instance = AppProcess.instance("app-" + i, own, dataDir.resolve("runs").resolve(run)
                .resolve("app-" + i)).withJvmOptions(appJvmOptions);
        return appLauncher == null ? instance : instance.withLauncher(appLauncher);
    }

    /** Waits until the instance's {@code /health/readiness} answers 200, as a readiness probe would. */
    private static void awaitReady(AppProcess instance, Duration limit) throws InterruptedException {
        long deadline = System.currentTimeMillis() + limit.toMillis();
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> health = instance.get("/health/readiness");
            if (health != null && health.statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(instance.name() + " not ready within " + limit);
    }

    /** Freezes the broker, asks the instance's health every 250 ms meanwhile, and resumes the broker. */
    private String healthDuringOutage(ProcessHandle broker, AppProcess app) throws Exception {
        long logBytes = Files.size(app.log());
        signal(broker, "STOP");
        long slowest = 0;
        int asked = 0;
        List<String> statuses = new ArrayList<>();
        try {
            Instant end = Instant.now().plus(outage);
            while (Instant.now().isBefore(end)) {
                for (String path : List.of("/health", "/health/readiness")) {
                    long started = System.nanoTime();
                    HttpResponse<String> response = app.get(path);
                    slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
                    asked++;
                    String status = response == null ? "no answer" : Integer.toString(response.statusCode());
                    if (!statuses.contains(status)) {
                        statuses.add(status);
                    }
                }
                Thread.sleep(250);
            }
        } finally {
            signal(broker, "CONT");
        }
        String logged;
        try (RandomAccessFile file = new RandomAccessFile(app.log().toFile(), "r")) {
            file.seek(logBytes);
            byte[] tail = new byte[(int) (file.length() - logBytes)];
            file.readFully(tail);
            logged = new String(tail, StandardCharsets.UTF_8);
        }
        long errors = logged.lines().filter(l -> l.contains(" ERROR ")).count();
        long stackLines = logged.lines().filter(l -> l.startsWith("\tat ")).count();
        return String.format("broker frozen %d s: %d health requests, slowest %d ms, statuses %s; app log meanwhile: "
                + "%d ERROR lines, %d stack-trace lines", outage.toSeconds(), asked, slowest, statuses, errors,
                stackLines);
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        LOG.info("SIG{} sent to the broker (pid {})", signal, process.pid());
    }

    /** One stream id per input partition (Kafka's default partitioner on the serialized key). */
    private static List<String> streamPerPartition(GenreTopics topics, String run) {
        String[] byPartition = new String[PARTITIONS];
        for (int i = 0; Arrays.stream(byPartition).anyMatch(s -> s == null); i++) {
            String id = run + "-station-" + i;
            byte[] key = topics.audioChunks().keySerde().serializer().serialize(topics.audioChunks().name(), id);
            int partition = Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
            if (byPartition[partition] == null) {
                byPartition[partition] = id;
            }
        }
        return List.of(byPartition);
    }

    /** Sends a 0.5 s chunk of every stream every 0.5 s, as live stations do. */
    private static void feed(StackEndpoints stack, GenreTopics topics, List<String> streams, AtomicBoolean running) {
        try (KafkaProducer<String, AudioChunk> producer = RealBrokerClients.producer(stack, topics.audioChunks())) {
            int samples = (int) (TrackAudio.RATE * CHUNK.toMillis() / 1000);
            long next = System.currentTimeMillis();
            for (long seq = 0; running.get(); seq++) {
                for (int s = 0; s < streams.size(); s++) {
                    byte[] pcm = PcmCodec.encodeS16le(TrackAudio.tone(220 * (s + 1) + (seq % 8) * 20,
                            samples / (double) TrackAudio.RATE));
                    producer.send(new ProducerRecord<>(topics.audioChunks().name(), streams.get(s),
                            TrackAudio.chunk(streams.get(s), seq, pcm, false, StreamKind.LIVE)));
                }
                next += CHUNK.toMillis();
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void read(StackEndpoints stack, GenreTopics topics, String run,
                             Map<String, List<Long>> scoredAt, AtomicBoolean running) {
        try (KafkaConsumer<String, SegmentScore> consumer = RealBrokerClients.consumer(stack, topics.segmentScores(),
                run)) {
            while (running.get()) {
                for (ConsumerRecord<String, SegmentScore> r : consumer.poll(Duration.ofMillis(200))) {
                    scoredAt.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>())
                            .add(r.value().getScoredAtMs().toEpochMilli());
                }
            }
        }
    }

    /** Waits until every stream has a score scored after {@code afterMs}; false after the limit. */
    private static boolean awaitScores(List<String> streams, Map<String, List<Long>> scoredAt, long afterMs,
                                       Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (streams.stream().allMatch(s -> scoredAt.getOrDefault(s, List.of()).stream()
                    .anyMatch(t -> t > afterMs))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The instance with the most active tasks, from its /health/readiness details. */
    private static AppProcess mostTasks(List<AppProcess> instances) throws InterruptedException {
        AppProcess most = instances.get(0);
        int mostTasks = -1;
        for (AppProcess instance : instances) {
            HttpResponse<String> health = instance.get("/health/readiness");
            Matcher m = ACTIVE_TASKS.matcher(health == null ? "" : health.body());
            int tasks = m.find() && !m.group(1).isBlank() ? m.group(1).split(",").length : 0;
            LOG.info("Instance {} has {} active tasks", instance.name(), tasks);
            if (tasks > mostTasks) {
                most = instance;
                mostTasks = tasks;
            }
        }
        return most;
    }

    /**
     * For a restart: how long the new JVM took to start (Micronaut's "Startup completed" line: context, model bundle,
     * Kafka Streams started, HTTP server up), against how long until every stream was scored again.
     */
    private static String afterStartup(Path log, List<String> streams, Map<String, List<Long>> scoredAt,
                                       long restarted) throws Exception {
        Matcher started = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = STARTUP_COMPLETED.matcher(line);
            if (m.find()) {
                started = m;
            }
        }
        if (started == null) {
            return "; no startup line in " + log;
        }
        long startedMs = LocalDate.now().atTime(LocalTime.parse(started.group(1))).atZone(ZoneId.systemDefault())
                .toInstant().toEpochMilli();
        long allScored = 0;
        for (String stream : streams) {
            allScored = Math.max(allScored, scoredAt.getOrDefault(stream, List.of()).stream()
                    .filter(t -> t > restarted).min(Long::compare).orElse(Long.MAX_VALUE));
        }
        return String.format("; from the new JVM's start: Micronaut started %.1f s, every stream scored %.1f s",
                (startedMs - restarted) / 1000.0, (allScored - restarted) / 1000.0);
    }

    private static String report(List<String> streams, Map<String, List<Long>> scoredAt, long disrupted, long gone,
                                 long restarted, boolean resumed) {
        double longestPause = 0;
        double allResumed = 0;
        long firstAfterRestart = Long.MAX_VALUE;
        List<Double> usualGaps = new ArrayList<>();
        for (String stream : streams) {
            List<Long> times = scoredAt.getOrDefault(stream, List.of()).stream().sorted().toList();
            long firstAfter = times.stream().filter(t -> t > gone).findFirst().orElse(Long.MAX_VALUE);
            allResumed = Math.max(allResumed, (firstAfter - disrupted) / 1000.0);
            if (restarted > 0) {
                firstAfterRestart = Math.min(firstAfterRestart, times.stream().filter(t -> t > restarted)
                        .findFirst().orElse(Long.MAX_VALUE));
            }
            for (int i = 1; i < times.size(); i++) {
                double gap = (times.get(i) - times.get(i - 1)) / 1000.0;
                if (times.get(i) > disrupted - 10_000 && times.get(i - 1) < disrupted + 60_000) {
                    longestPause = Math.max(longestPause, gap);
                }
                if (times.get(i) < disrupted) {
                    usualGaps.add(gap);
                }
            }
        }
        double usual = usualGaps.stream().sorted().skip(usualGaps.size() / 2).findFirst().orElse(Double.NaN);
        return String.format("%slongest pause of a stream's scores %.1f s (usual gap %.1f s); instance gone %.1f s after "
                        + "the disruption, every stream scored again %.1f s after the disruption%s",
                resumed ? "" : "NOT RESUMED within the limit; ", longestPause, usual, (gone - disrupted) / 1000.0,
                allResumed, restarted == 0 ? "" : String.format(
                        "; new JVM start → first score %.1f s", (firstAfterRestart - restarted) / 1000.0));
    }
}
