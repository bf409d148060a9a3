package io.genrestream.producer.bench;

import io.genrestream.producer.ChunkPublisher;
import io.genrestream.producer.LoadSimulator;
import io.genrestream.producer.LoadSimulator.LoadSummary;
import io.genrestream.audio.PcmFormat;
import io.genrestream.audio.DecodedPcm;
import io.genrestream.producer.source.LoopingPcm;
import io.genrestream.producer.source.ToneNoiseGenerator;
import io.genrestream.stack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput of one producer process into a real broker: N streams sent as fast as possible for a while, for each
 * chunk size, printing chunks/s, PCM MB/s and the Kafka producer's own request latency.
 *
 * <p>The audio is generated once and looped (so the figures measure chunking, Avro serialization and Kafka, not
 * the signal generator). Without {@code --bootstrap-servers} it starts a {@link LocalStack} (real KRaft broker and
 * Apicurio registry in child JVMs on this machine, which then share its cores).
 *
 * <pre>
 * mvn -o -q -pl producer dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
 *     -Dmdep.includeScope=test
 * cd producer &amp;&amp; java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) \
 *     io.genrestream.producer.bench.ProducerBenchmark --streams 1,8 --chunk-ms 250,500,1000 --seconds 10
 * </pre>
 */
@Command(name = "producer-benchmark", mixinStandardHelpOptions = true,
        description = "Measures chunks/s and MB/s from one producer process into Kafka.")
public final class ProducerBenchmark implements Callable<Integer> {

    private static final PcmFormat FORMAT = new PcmFormat(22050, 1);
    private static final double LOOP_SECONDS = 20;

    @Option(names = "--bootstrap-servers", description = "Use this broker instead of starting a local stack.")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Registry of --bootstrap-servers.")
    private String schemaRegistryUrl;

    @Option(names = "--streams", split = ",", defaultValue = "1,8", description = "Concurrent streams (default: ${DEFAULT-VALUE}).")
    private List<Integer> streamCounts;

    @Option(names = "--chunk-ms", split = ",", defaultValue = "250,500,1000",
            description = "Chunk durations (default: ${DEFAULT-VALUE}).")
    private List<Integer> chunkMillis;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per case (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3", description = "Unmeasured warm-up (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    /** Runs the benchmark. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ProducerBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (bootstrapServers != null) {
            run(bootstrapServers, schemaRegistryUrl);
            return 0;
        }
        try (LocalStack stack = LocalStack.builder().optDataDirectory(Path.of("target", "benchmark-stack")).build()
                .start()) {
            run(stack.bootstrapServers(), stack.schemaRegistryUrl());
        }
        return 0;
    }

    private void run(String bootstrap, String registry) throws InterruptedException {
        byte[] loop = new byte[(int) (FORMAT.bytesPerSecond() * LOOP_SECONDS)];
        new ToneNoiseGenerator(FORMAT.sampleRate(), 2.0, 1).fill(loop);
        DecodedPcm audio = new DecodedPcm(FORMAT, loop, "generated");
        System.out.printf("producer benchmark: %s PCM, %d s per case after %d s warm-up, %d cores%n", FORMAT,
                seconds, warmupSeconds, Runtime.getRuntime().availableProcessors());
        System.out.println("| streams | chunk | chunk size | chunks/s | PCM MB/s | x real time | request latency avg |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        int caseNumber = 0;
        for (int streams : streamCounts) {
            for (int ms : chunkMillis) {
                String topic = "bench-" + caseNumber++;
                Duration chunk = Duration.ofMillis(ms);
                try (ChunkPublisher publisher = ChunkPublisher.builder().setBootstrapServers(bootstrap)
                        .setSchemaRegistryUrl(registry).optTopic(topic).build()) {
                    simulate(publisher, streams, chunk, audio, Duration.ofSeconds(warmupSeconds));
                    LoadSummary summary = simulate(publisher, streams, chunk, audio, Duration.ofSeconds(seconds));
                    double realTime = summary.pcmBytes() / (double) FORMAT.bytesPerSecond()
                            / (summary.elapsed().toNanos() / 1e9);
                    System.out.printf(Locale.ROOT, "| %d | %d ms | %d KB | %.0f | %.1f | %.0f | %.1f ms |%n", streams,
                            ms, FORMAT.bytesFor(chunk) / 1024, summary.chunksPerSecond(),
                            summary.megabytesPerSecond(), realTime, metric(publisher.metrics(), "request-latency-avg"));
                }
            }
        }
    }

    private static LoadSummary simulate(ChunkPublisher publisher, int streams, Duration chunk, DecodedPcm audio,
            Duration duration) throws InterruptedException {
        return LoadSimulator.builder().setPublisher(publisher).setStreams(streams)
                .setAudio(i -> new LoopingPcm(audio, "generated loop", (long) i * FORMAT.sampleRate()))
                .setDuration(duration).optChunkDuration(chunk).optStreamIdPrefix("bench").build().run();
    }

    private static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name))
                .map(e -> e.getValue().metricValue()).filter(Number.class::isInstance)
                .mapToDouble(v -> ((Number) v).doubleValue()).findFirst().orElse(Double.NaN);
    }
}
