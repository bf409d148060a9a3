package io.genrestream.app.bench;

import io.genrestream.app.TestBundle;
import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.app.topology.PipelineMeters;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.StreamKind;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.producer.AudioChunker;
import io.genrestream.producer.ChunkPublisher;
import io.genrestream.producer.LoadSimulator;
import io.genrestream.stack.LocalStack;
import io.genrestream.topics.GenreTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness of the streaming app (not a test: run it by hand, see docs/benchmarks.md). Starts a real local broker
 * and schema registry ({@link LocalStack}, loopback only), the real app (Micronaut context, exactly-once Kafka
 * Streams, DJL PyTorch bundle) in this JVM, and measures, each phase bounded in time:
 * <ol>
 *   <li>a rough profile: features and model inference per 3 s segment, on this thread, with the app's own beans;</li>
 *   <li>throughput: {@code --tracks} tracks sent as fast as possible, × realtime = audio seconds / wall seconds from
 *   the first chunk sent to the last verdict read, plus CPU split between stream thread, rest of this JVM and the
 *   broker/registry JVMs;</li>
 *   <li>paced LIVE streams (producer's {@link LoadSimulator}) stepped up through {@code --steps}: consumer lag of the
 *   app's group on audio-chunks sampled over each step ("held" = {@link LagTrend#held}), segment latency p50/p99,
 *   end-of-track to verdict latency of {@code --probe-tracks} paced tracks sent alongside, over the whole step and
 *   over its steady state (once the backlog of all streams starting together has drained), the part of the segment
 *   latency up to scoring and the batch wait, heap per open stream, and where the stream threads and their Kafka
 *   clients spend their time ({@link StreamsTimeSplit});</li>
 *   <li>bytes written to the state-store changelogs per audio second processed.</li>
 * </ol>
 * Every figure is printed with the load average at the time (the machine is shared).
 */
@Command(name = "streaming-load-harness", mixinStandardHelpOptions = true,
        description = "Measures the streaming app's throughput, sustained live streams, latency, heap and state bytes.")
public final class StreamingLoadHarness implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingLoadHarness.class);
    private static final String APP_ID = "genre-bench";
    private static final Duration CHUNK = AudioChunker.DEFAULT_CHUNK_DURATION;
    private static final Duration LAG_SAMPLE = Duration.ofSeconds(2);
    /** Lag samples before this many seconds of a step are warm-up, not judged. */
    private static final double LAG_WARM_UP_SECONDS = 15;
    private static final int PROFILE_WARM_UP = 20;
    private static final int PROFILE_SEGMENTS = 60;
    private static final int PROFILE_BATCHES = 20;

    @Option(names = "--data-dir", description = "Broker, registry and state data; wiped at start (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("streams-app/target/bench-run");

    @Option(names = "--bundle", description = "Model bundle directory (default: bundles/default when present, else a "
            + "small fixed-seed test bundle).")
    Path bundle;

    @Option(names = "--audio-dir", description = "Folder of 22050 Hz mono WAV files (default: ${DEFAULT-VALUE}; "
            + "generated audio without it).")
    Path audioDir = Path.of(System.getProperty("genre.shared.data", "../shared/data"), "gtzan", "audio-dev");

    @Option(names = "--tracks", description = "Tracks sent as fast as possible (default: ${DEFAULT-VALUE}).")
    int tracks = 20;

    @Option(names = "--track-seconds", description = "Length of each fast track (default: ${DEFAULT-VALUE}).")
    double trackSeconds = 30;

    @Option(names = "--fast-timeout", description = "Longest wait for the fast tracks' verdicts (default: ${DEFAULT-VALUE}).")
    Duration fastTimeout = Duration.ofMinutes(5);

    @Option(names = "--steps", split = ",", description = "Live stream counts, stepped up until one does not hold "
            + "(default: ${DEFAULT-VALUE}).")
    List<Integer> steps = List.of(50, 100, 200, 400, 600, 800);

    @Option(names = "--step-duration", description = "Paced run per step (default: ${DEFAULT-VALUE}).")
    Duration stepDuration = Duration.ofSeconds(60);

    @Option(names = "--final-duration", description = "Rerun of the largest step that held (PT0S: none; default: "
            + "${DEFAULT-VALUE}).")
    Duration finalDuration = Duration.ofMinutes(5);

    @Option(names = "--probe-tracks", description = "Paced TRACK streams with end markers sent alongside each step, "
            + "for end-of-track to verdict latency (default: ${DEFAULT-VALUE}).")
    int probeTracks = 5;

    @Option(names = "--probe-seconds", description = "Length of each probe track (default: ${DEFAULT-VALUE}).")
    double probeSeconds = 10;

    @Option(names = "--start-spread", description = "Live streams' first chunks spread over this much time, so they "
            + "are out of phase like real stations (PT0.5S, one chunk: segments of all streams complete within the "
            + "same half second; default: ${DEFAULT-VALUE}, one segment).")
    Duration startSpread = Duration.ofSeconds(3);

    @Option(names = "--drain-timeout", description = "Longest wait for lag to drain between steps (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout = Duration.ofSeconds(90);

    private final List<String> report = new ArrayList<>();
    private final AtomicLong audioBytesSent = new AtomicLong();
    private long baseHeapBytes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamingLoadHarness()).execute(args));
    }

    private KafkaStreams streams;
    private MeterRegistry registry;
    private LocalStack stack;

    @Override
    public Integer call() throws Exception {
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        BenchAudio audio = BenchAudio.load(audioDir);
        Path bundleDir = bundle != null ? bundle
                : Files.isRegularFile(Path.of("bundles/default/bundle.json")) ? Path.of("bundles/default")
                : TestBundle.write(dataDir.resolve("test-bundle"));
        line("audio: %s; bundle: %s; %d cores; max heap %d MB", audio.description(), bundleDir.toAbsolutePath(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (LocalStack stack = LocalStack.builder().optDataDirectory(dataDir.resolve("stack")).build().start();
             EmbeddedServer app = ApplicationContext.run(EmbeddedServer.class, appProperties(stack, bundleDir))) {
            ApplicationContext ctx = app.getApplicationContext();
            GenreTopics topics = ctx.getBean(GenreTopics.class);
            this.stack = stack;
            streams = ctx.getBean(KafkaStreams.class);
            registry = ctx.getBean(MeterRegistry.class);
            awaitRunning(streams);
            profile(ctx);
            Map<String, Object> clientConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers());
            try (Admin admin = Admin.create(clientConfig);
                 ChunkPublisher publisher = ChunkPublisher.builder().setBootstrapServers(stack.bootstrapServers())
                         .setSchemaRegistryUrl(stack.schemaRegistryUrl()).optTopic(topics.audioChunks().name())
                         .optEnsureTopic(false) // the app created it, with its own genre.topics.* settings
                         .build();
                 OutputLatencyRecorder outputs = new OutputLatencyRecorder(stack.bootstrapServers(),
                         topics.segmentScores(), topics.trackGenres())) {
                ConsumerLagProbe lag = new ConsumerLagProbe(admin, APP_ID, topics.audioChunks().name());
                throughput(audio, publisher, outputs);
                awaitDrained(lag, 0);
                int held = liveSteps(audio, publisher, outputs, lag);
                if (held > 0 && !finalDuration.isZero()) {
                    line("final run: %d streams for %s", held, finalDuration);
                    awaitDrained(lag, 0);
                    liveStep(held, finalDuration, "final", audio, publisher, outputs, lag, false);
                }
                stateBytes(admin);
            }
        } finally {
            System.out.println("\n==== Streaming load harness: results ====");
            report.forEach(System.out::println);
        }
        return 0;
    }

    private Map<String, Object> appProperties(LocalStack stack, Path bundleDir) {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", stack.bootstrapServers());
        props.put("kafka.streams.default.application.id", APP_ID);
        props.put("kafka.streams.default.schema.registry.url", stack.schemaRegistryUrl());
        props.put("kafka.streams.default.state.dir", dataDir.resolve("state").toAbsolutePath().toString());
        props.put("genre.bundle.path", bundleDir.toAbsolutePath().toString());
        props.put("micronaut.server.port", "-1");
        props.put("micronaut.server.host", "127.0.0.1");
        return props;
    }

    /** Features and inference per segment with the app's own beans, on this thread, before any load. */
    private void profile(ApplicationContext ctx) {
        FeatureExtractor extractor = ctx.getBean(FeatureExtractor.class);
        SegmentModels models = ctx.getBean(SegmentModels.class);
        Random random = new Random(1);
        float[] segment = new float[extractor.config().segmentSamples()];
        for (int i = 0; i < segment.length; i++) {
            segment[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / BenchAudio.SAMPLE_RATE)
                    + 0.05 * random.nextGaussian());
        }
        double featureMs = msPerSegment(extractor, segment);
        // the same without the harmonic/percussive separation, and without the onset envelope too: what HPSS costs
        double noHpssMs = msPerSegment(extractor.toBuilder().optHarmonicPercussive(false).build(), segment);
        double framesOnlyMs = msPerSegment(extractor.toBuilder().optHarmonicPercussive(false)
                .optOnsetEnvelope(false).build(), segment);
        int batch = ctx.getBean(io.genrestream.app.topology.PipelineSettings.class).batchSize();
        float[][][] frames = new float[batch][extractor.config().framesPerSegment()]
                [extractor.config().frameFeatureCount()];
        float[][] summaries = new float[batch][extractor.summaryColumns().size()];
        for (float[][] m : frames) {
            for (float[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) random.nextGaussian();
                }
            }
        }
        try (SegmentModels.ThreadScorer scorer = models.acquire()) {
            for (int i = 0; i < PROFILE_WARM_UP; i++) {
                scorer.scoreFrames(frames);
                scorer.scoreSummaries(summaries);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < PROFILE_BATCHES; i++) {
                scorer.scoreFrames(frames);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < PROFILE_BATCHES; i++) {
                scorer.scoreSummaries(summaries);
            }
            long t3 = System.nanoTime();
            double gruMs = (t2 - t1) / 1e6 / PROFILE_BATCHES / batch;
            double mlpMs = (t3 - t2) / 1e6 / PROFILE_BATCHES / batch;
            double segSeconds = extractor.config().segmentSamples() / (double) BenchAudio.SAMPLE_RATE;
            line("profile (one thread, per %.0f s segment): features %.2f ms (without HPSS %.2f ms, without HPSS "
                            + "and onsets %.2f ms), GRU %.3f ms, summary MLP %.3f ms (batches of %d) -> "
                            + "features+inference ≈ %.0f× realtime per core  [load %s]",
                    segSeconds, featureMs, noHpssMs, framesOnlyMs, gruMs, mlpMs, batch,
                    segSeconds * 1000 / (featureMs + gruMs + mlpMs), loadAverage());
        }
    }

    private static double msPerSegment(FeatureExtractor extractor, float[] segment) {
        for (int i = 0; i < PROFILE_WARM_UP; i++) {
            extractor.extract(segment);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < PROFILE_SEGMENTS; i++) {
            extractor.extract(segment);
        }
        return (System.nanoTime() - t0) / 1e6 / PROFILE_SEGMENTS;
    }

    /** Tracks as fast as possible; × realtime from first chunk sent to last verdict read. */
    private void throughput(BenchAudio audio, ChunkPublisher publisher,
                            OutputLatencyRecorder outputs) throws Exception {
        List<byte[]> pcm = new ArrayList<>();
        for (int i = 0; i < tracks; i++) {
            pcm.add(audio.track(i, trackSeconds));
        }
        CpuSnapshot before = CpuSnapshot.take(stack);
        long scoresBefore = outputs.scoresRead();
        long start = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tracks; i++) {
            String id = "fast-" + i;
            ids.add(id);
            AudioChunker chunker = AudioChunker.builder().setStreamId(id).setFormat(BenchAudio.FORMAT)
                    .optKind(StreamKind.TRACK).optChunkDuration(CHUNK).build();
            chunker.append(pcm.get(i), publisher::send);
            chunker.finish(publisher::send);
            audioBytesSent.addAndGet(pcm.get(i).length);
        }
        publisher.flush();
        long sent = System.currentTimeMillis();
        long deadline = start + fastTimeout.toMillis();
        while (System.currentTimeMillis() < deadline && ids.stream().anyMatch(id -> outputs.verdictReceivedAt(id) == null)) {
            Thread.sleep(100);
        }
        long verdicts = ids.stream().filter(id -> outputs.verdictReceivedAt(id) != null).count();
        long last = ids.stream().map(outputs::verdictReceivedAt).filter(java.util.Objects::nonNull)
                .max(Long::compare).orElse(System.currentTimeMillis());
        CpuSnapshot after = CpuSnapshot.take(stack);
        double audioSeconds = tracks * trackSeconds;
        double wall = (last - start) / 1000.0;
        line("throughput: %d tracks × %.0f s = %.0f audio s, sent in %.1f s, %d/%d verdicts and %d segment scores "
                        + "read after %.1f s -> %.1f× realtime  [load %s]", tracks, trackSeconds, audioSeconds,
                (sent - start) / 1000.0, verdicts, tracks, outputs.scoresRead() - scoresBefore, wall,
                audioSeconds / wall, loadAverage());
        line("  CPU during it (s of CPU per wall s): %s", after.minus(before, wall));
    }

    /** Steps up the live stream count; returns the largest count that held (0 if none). */
    private int liveSteps(BenchAudio audio, ChunkPublisher publisher, OutputLatencyRecorder outputs,
                          ConsumerLagProbe lag) throws Exception {
        baseHeapBytes = heapAfterGc();
        line("heap used after GC with 0 open streams: %.1f MB", baseHeapBytes / 1e6);
        int held = 0;
        for (int n : steps) {
            boolean ok = liveStep(n, stepDuration, "step", audio, publisher, outputs, lag, true);
            if (!ok) {
                break;
            }
            held = n;
            if (!awaitDrained(lag, n)) {
                line("lag did not drain within %s after %d streams; stopping", drainTimeout, n);
                break;
            }
        }
        line("largest live stream count that held for %s: %s", stepDuration, held == 0 ? "none" : held);
        return held;
    }

    private boolean liveStep(int n, Duration duration, String label, BenchAudio audio, ChunkPublisher publisher,
                             OutputLatencyRecorder outputs, ConsumerLagProbe lag, boolean measureHeap)
            throws Exception {
        String prefix = label + n;
        outputs.measureStreamsStartingWith(prefix + "-");
        outputs.take();
        TimerDelta inApp = new TimerDelta(registry.timer(PipelineMeters.SEGMENT_LATENCY));
        TimerDelta batchWait = new TimerDelta(registry.timer(PipelineMeters.BATCH_WAIT));
        LoadSimulator simulator = LoadSimulator.builder().setPublisher(publisher).setStreams(n)
                .setAudio(audio::live).setDuration(duration).optChunkDuration(CHUNK).optRealtime(true)
                .optStreamIdPrefix(prefix).optStartSpread(startSpread).build();
        ExecutorService pool = Executors.newFixedThreadPool(1 + probeTracks);
        LagTrend trend = new LagTrend();
        CpuSnapshot cpuBefore = CpuSnapshot.take(stack);
        long start = System.nanoTime();
        try {
            Future<LoadSimulator.LoadSummary> run = pool.submit(simulator::run);
            List<Future<Long>> probes = new ArrayList<>();
            for (int k = 0; k < probeTracks; k++) {
                int probe = k;
                probes.add(pool.submit(() -> probeTracks(prefix + "-probe" + probe, probe, start + duration.toNanos(),
                        audio, publisher, outputs)));
            }
            // latencies of the warm-up (all streams starting at once, their state being created, and the backlog
            // that leaves) apart from the steady state: it starts at the first lag sample after the lag warm-up
            // with less than half a second of input left to process
            long drainedLag = Math.max(1, Math.round(n * 0.5 / (CHUNK.toMillis() / 1000.0)));
            OutputLatencyRecorder.Latencies warmUp = null;
            double steadyFrom = Double.NaN;
            while (!run.isDone()) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                long lagNow = lag.lag();
                trend.add(elapsed, lagNow);
                if (warmUp == null && elapsed >= LAG_WARM_UP_SECONDS && lagNow <= drainedLag) {
                    warmUp = outputs.take();
                    steadyFrom = elapsed;
                }
                Thread.sleep(LAG_SAMPLE.toMillis());
            }
            if (warmUp == null) {
                // the backlog never drained: the whole step is warm-up
                warmUp = outputs.take();
            }
            LoadSimulator.LoadSummary summary = run.get();
            long probeBytes = 0;
            for (Future<Long> p : probes) {
                probeBytes += p.get();
            }
            audioBytesSent.addAndGet(summary.pcmBytes() + probeBytes);
            CpuSnapshot cpuAfter = CpuSnapshot.take(stack);
            double stepSeconds = (System.nanoTime() - start) / 1e9;
            long segmentsScored = inApp.count();
            trend.add(stepSeconds, lag.lag());
            double offered = summary.chunks() / (duration.toNanos() / 1e9);
            boolean held = trend.held(LAG_WARM_UP_SECONDS, offered);
            // verdicts of the last probes arrive after the step ends
            Thread.sleep(3000);
            OutputLatencyRecorder.Latencies steady = outputs.take();
            OutputLatencyRecorder.Latencies whole = steady.plus(warmUp);
            String heap = "";
            if (measureHeap) {
                // the step's streams are still open in the app (inactivity timeout 60 s), the simulator is gone
                long used = heapAfterGc();
                heap = String.format(", heap after GC %.1f MB = %.1f kB per open stream over 0 streams",
                        used / 1e6, (used - baseHeapBytes) / 1e3 / n);
            }
            String steadyPart = Double.isNaN(steadyFrom) ? "the backlog of the start never drained"
                    : String.format("steady state (from %.0f s, when the backlog of the start had drained): segment "
                            + "p50 %d ms p99 %d ms (n=%d; up to scoring p50 %d ms p99 %d ms), verdict p50 %d ms "
                            + "p99 %d ms (n=%d)", steadyFrom, steady.segment().getValueAtPercentile(50),
                    steady.segment().getValueAtPercentile(99), steady.segment().getTotalCount(),
                    steady.scoring().getValueAtPercentile(50), steady.scoring().getValueAtPercentile(99),
                    steady.verdict().getValueAtPercentile(50), steady.verdict().getValueAtPercentile(99),
                    steady.verdict().getTotalCount());
            Histogram seg = whole.segment();
            Histogram verdict = whole.verdict();
            line("%s %d live streams + %d probe tracks for %s: sent %d chunks (%.0f/s offered); lag slope %.1f "
                            + "chunks/s after %.0f s, last %d, max %d -> %s; segment latency p50 %d ms p99 %d ms "
                            + "max %d ms (n=%d); end-of-track->verdict p50 %d ms p99 %d ms (n=%d); %s%s  [load %s]",
                    label, n, probeTracks, duration, summary.chunks(), offered, trend.slope(LAG_WARM_UP_SECONDS),
                    LAG_WARM_UP_SECONDS, trend.last(), trend.max(), held ? "HELD" : "NOT HELD",
                    seg.getValueAtPercentile(50), seg.getValueAtPercentile(99), seg.getMaxValue(),
                    seg.getTotalCount(), verdict.getValueAtPercentile(50), verdict.getValueAtPercentile(99),
                    verdict.getTotalCount(), steadyPart, heap, loadAverage());
            line("  in the app, whole step: produced -> scored mean %.0f ms, of which waiting for the batch %.0f ms",
                    inApp.meanMs(), batchWait.meanMs());
            // CPU per segment is the margin the held/not-held verdict cannot show: two codes that both hold (or
            // both fall behind) still differ in what a segment costs
            line("  CPU during the step (s of CPU per wall s): %s; per segment scored (%d): %s",
                    cpuAfter.minus(cpuBefore, stepSeconds), segmentsScored, cpuAfter.perSegment(cpuBefore,
                            segmentsScored));
            StreamsTimeSplit.describe(streams).forEach(l -> line("%s", l));
            StreamsTimeSplit.describe(publisher.metrics()).forEach(l -> line("  harness producer%s", l));
            return held;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Mean of a Micrometer timer's recordings since construction. */
    private static final class TimerDelta {
        private final Timer timer;
        private final long count;
        private final double totalMs;

        TimerDelta(Timer timer) {
            this.timer = timer;
            this.count = timer.count();
            this.totalMs = timer.totalTime(TimeUnit.MILLISECONDS);
        }

        long count() {
            return timer.count() - count;
        }

        double meanMs() {
            long n = count();
            return n == 0 ? Double.NaN : (timer.totalTime(TimeUnit.MILLISECONDS) - totalMs) / n;
        }
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Sends paced tracks of {@code --probe-seconds} one after another until {@code deadlineNanos}; returns bytes. */
    private long probeTracks(String prefix, int probe, long deadlineNanos, BenchAudio audio, ChunkPublisher publisher,
                             OutputLatencyRecorder outputs) throws InterruptedException {
        byte[] pcm = audio.track(probe, probeSeconds);
        int chunkBytes = BenchAudio.FORMAT.bytesFor(CHUNK);
        long bytes = 0;
        for (int j = 0; System.nanoTime() + Math.round(probeSeconds * 1e9) < deadlineNanos; j++) {
            String id = prefix + "-" + j;
            AudioChunker chunker = AudioChunker.builder().setStreamId(id).setFormat(BenchAudio.FORMAT)
                    .optKind(StreamKind.TRACK).optChunkDuration(CHUNK).build();
            long t0 = System.nanoTime();
            for (int from = 0, i = 1; from < pcm.length; from += chunkBytes, i++) {
                chunker.append(pcm, from, Math.min(chunkBytes, pcm.length - from), publisher::send);
                long wait = t0 + i * CHUNK.toNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            chunker.finish(chunk -> {
                if (chunk.getEndOfTrack()) {
                    outputs.endMarkerProduced(chunk.getStreamId(), chunk.getProducedAtMs().toEpochMilli());
                }
                publisher.send(chunk);
            });
            bytes += pcm.length;
        }
        return bytes;
    }

    /** Waits until the lag is below half a second of {@code streams}' chunks (or zero); false on timeout. */
    private boolean awaitDrained(ConsumerLagProbe lag, int streams) throws Exception {
        long limit = Math.max(0, streams / 2 * CHUNK.toMillis() / 1000);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        long current = lag.lag();
        while (current > limit && System.nanoTime() < deadline) {
            Thread.sleep(500);
            current = lag.lag();
        }
        return current <= limit;
    }

    /** Bytes in the app's changelog topics on the broker, per audio second sent. */
    private void stateBytes(Admin admin) throws Exception {
        int broker = admin.describeCluster().nodes().get().iterator().next().id();
        Map<String, Long> bytesPerTopic = new HashMap<>();
        for (LogDirDescription dir : admin.describeLogDirs(List.of(broker)).allDescriptions().get().get(broker)
                .values()) {
            dir.replicaInfos().forEach((tp, info) -> bytesPerTopic.merge(tp.topic(), info.size(), Long::sum));
        }
        double audioSeconds = audioBytesSent.get() / (double) BenchAudio.FORMAT.bytesPerSecond();
        long changelog = 0;
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(bytesPerTopic.entrySet());
        sorted.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, Long> e : sorted) {
            if (e.getKey().startsWith(APP_ID) && e.getKey().endsWith("-changelog")) {
                changelog += e.getValue();
                line("  changelog %s: %.1f MB (%.0f B per audio s)", e.getKey(), e.getValue() / 1e6,
                        e.getValue() / audioSeconds);
            }
        }
        line("state-store changelogs: %.1f MB for %.0f audio s sent -> %.0f bytes per audio second (input PCM: "
                        + "%d B/s; audio-chunks topic %.1f MB)  [load %s]", changelog / 1e6, audioSeconds,
                changelog / audioSeconds, BenchAudio.FORMAT.bytesPerSecond(),
                bytesPerTopic.getOrDefault(GenreTopics.AUDIO_CHUNKS, 0L) / 1e6, loadAverage());
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (streams.state() != KafkaStreams.State.RUNNING && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new IllegalStateException("Kafka Streams did not reach RUNNING: " + streams.state());
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        LOG.info(text);
        report.add(text);
        System.out.println(text);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * CPU time consumed so far by this JVM's Kafka Streams threads, the rest of this JVM, and the broker/registry
     * JVMs.
     */
    private record CpuSnapshot(long streamThreadsNanos, long jvmNanos, long stackNanos) {

        static CpuSnapshot take(LocalStack stack) {
            return new CpuSnapshot(ProcessCpu.threadsNamed(n -> n.contains("StreamThread")), ProcessCpu.jvm(),
                    ProcessCpu.stack(stack));
        }

        /** The CPU time spent since {@code before}. */
        private CpuSnapshot since(CpuSnapshot before) {
            return new CpuSnapshot(streamThreadsNanos - before.streamThreadsNanos, jvmNanos - before.jvmNanos,
                    stackNanos - before.stackNanos);
        }

        String minus(CpuSnapshot before, double wallSeconds) {
            CpuSnapshot spent = since(before);
            double stream = spent.streamThreadsNanos / 1e9 / wallSeconds;
            double jvm = spent.jvmNanos / 1e9 / wallSeconds;
            double stack = spent.stackNanos / 1e9 / wallSeconds;
            return String.format("stream thread(s) %.2f, rest of app+producer JVM %.2f, broker+registry %.2f, "
                    + "total %.2f of %d cores", stream, jvm - stream, stack, jvm + stack,
                    Runtime.getRuntime().availableProcessors());
        }

        String perSegment(CpuSnapshot before, long segments) {
            CpuSnapshot spent = since(before);
            double stream = spent.streamThreadsNanos / 1e6 / segments;
            double jvm = spent.jvmNanos / 1e6 / segments;
            double stack = spent.stackNanos / 1e6 / segments;
            return String.format("stream thread(s) %.2f ms, whole JVM %.2f ms, broker+registry %.2f ms", stream, jvm,
                    stack);
        }
    }
}
