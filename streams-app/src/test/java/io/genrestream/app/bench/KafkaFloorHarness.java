package io.genrestream.app.bench;

import io.genrestream.producer.ChunkPublisher;
import io.genrestream.producer.LoadSimulator;
import io.genrestream.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kafka work that N live streams cost before any genre work: what the machine has left for features and
 * scoring. One run starts the same {@link LocalStack} as {@link StreamingLoadHarness} and, per step, paces N live
 * streams with the producer's {@link LoadSimulator} into {@code audio-chunks} while relay threads do the least an
 * exactly-once processor that buffers raw audio in a logged store must do: read every chunk (read_committed), write
 * its bytes to a changelog-like topic, and commit the input offsets in the same transaction every commit interval.
 * It prints, per step, the CPU of the simulator (with its producer), the relay and the broker, and the relay's lag.
 * Not a test: a main class that {@code mvn verify} never runs.
 */
@Command(name = "kafka-floor-harness", mixinStandardHelpOptions = true,
        description = "CPU of the Kafka side alone (simulated live streams, broker, exactly-once relay) per step.")
public final class KafkaFloorHarness implements Callable<Integer> {

    private static final String INPUT = "audio-chunks";
    private static final String CHANGELOG = "floor-changelog";
    private static final String GROUP = "kafka-floor-relay";
    private static final Duration CHUNK = Duration.ofMillis(500);
    /** CPU is measured after this much of each step, once every stream has started. */
    private static final Duration WARM_UP = Duration.ofSeconds(15);

    @Option(names = "--data-dir", description = "Broker and registry data; wiped at start (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("target", "floor-run");

    @Option(names = "--audio-dir", description = "Folder of 22050 Hz mono WAV files (default: ${DEFAULT-VALUE}; "
            + "generated tones when absent).")
    Path audioDir = Path.of(System.getProperty("genre.shared.data", "../shared/data"), "gtzan", "audio-dev");

    @Option(names = "--steps", split = ",", description = "Live stream counts (default: ${DEFAULT-VALUE}).")
    List<Integer> steps = List.of(100, 200, 300, 400, 500);

    @Option(names = "--step-duration", description = "Paced run per step (default: ${DEFAULT-VALUE}).")
    Duration stepDuration = Duration.ofSeconds(60);

    @Option(names = "--partitions", description = "Partitions of the input and changelog topics (default: ${DEFAULT-VALUE}).")
    int partitions = 4;

    @Option(names = "--relay-threads", description = "Relay threads, each with its own consumer and transactional "
            + "producer, like stream threads (default: ${DEFAULT-VALUE}).")
    int relayThreads = 2;

    @Option(names = "--commit-interval", description = "Transaction length (default: ${DEFAULT-VALUE}).")
    Duration commitInterval = Duration.ofMillis(100);

    @Option(names = "--no-changelog", negatable = true, description = "Only read (read_committed), write nothing.")
    boolean changelog = true;

    @Option(names = "--batch-size", description = "Relay producers' batch.size in bytes (default: ${DEFAULT-VALUE}, "
            + "Kafka's; the app's application.yml sets 262144).")
    int batchSize = 16_384;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KafkaFloorHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        StreamingLoadHarness.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        BenchAudio audio = BenchAudio.load(audioDir);
        System.out.printf("audio: %s; %d partitions, %d relay threads, commit %d ms, changelog %s, batch.size %d%n",
                audio.description(), partitions, relayThreads, commitInterval.toMillis(), changelog, batchSize);
        try (LocalStack stack = LocalStack.builder().optDataDirectory(dataDir.resolve("stack")).build().start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(INPUT, partitions, (short) 1),
                    new NewTopic(CHANGELOG, partitions, (short) 1))).all().get();
            try (ChunkPublisher publisher = ChunkPublisher.builder().setBootstrapServers(stack.bootstrapServers())
                    .setSchemaRegistryUrl(stack.schemaRegistryUrl()).optTopic(INPUT).optEnsureTopic(false)
                    .optClientProperties(Map.of(ProducerConfig.CLIENT_ID_CONFIG, "floor-simulator")).build()) {
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong relayed = new AtomicLong();
                ExecutorService relays = Executors.newFixedThreadPool(relayThreads, r -> new Thread(r, "floor-relay"));
                List<Future<?>> relayRuns = new ArrayList<>();
                for (int t = 0; t < relayThreads; t++) {
                    int id = t;
                    relayRuns.add(relays.submit(() -> relay(stack.bootstrapServers(), id, running, relayed)));
                }
                try {
                    for (int n : steps) {
                        step(n, stack, audio, publisher, relayed);
                    }
                } finally {
                    running.set(false);
                    relays.shutdown();
                    for (Future<?> f : relayRuns) {
                        f.get();
                    }
                }
            }
        }
        return 0;
    }

    private void step(int n, LocalStack stack, BenchAudio audio, ChunkPublisher publisher, AtomicLong relayed)
            throws Exception {
        LoadSimulator simulator = LoadSimulator.builder().setPublisher(publisher).setStreams(n)
                .setAudio(audio::live).setDuration(stepDuration).optChunkDuration(CHUNK).optRealtime(true)
                .optStreamIdPrefix("floor" + n).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            ConsumerLagProbe lag = new ConsumerLagProbe(admin, GROUP, INPUT);
            Future<LoadSimulator.LoadSummary> run = pool.submit(simulator::run);
            Thread.sleep(WARM_UP.toMillis());
            Cpu before = Cpu.take(stack);
            long relayedBefore = relayed.get();
            // the end snapshot is taken while the simulator's threads still run: a finished thread's CPU is gone
            Thread.sleep(Math.max(0, stepDuration.minus(WARM_UP).minusSeconds(2).toMillis()));
            Cpu after = Cpu.take(stack);
            double seconds = (after.nanoTime - before.nanoTime) / 1e9;
            long relayedInWindow = relayed.get() - relayedBefore;
            long lagAtEnd = lag.lag();
            LoadSimulator.LoadSummary summary = run.get();
            System.out.printf("%d live streams (%.0f chunks/s offered, %.2f MB/s of PCM): relayed %.0f chunks/s over "
                            + "%.0f s, relay lag %d chunks at the end; CPU in cores: simulator+producer %.2f, relay %.2f, "
                            + "rest of the JVM %.2f, broker+registry %.2f, total %.2f of %d  [load %s]%n",
                    n, summary.chunksPerSecond(), summary.megabytesPerSecond(), relayedInWindow / seconds, seconds,
                    lagAtEnd, after.simulatorMinus(before) / seconds, after.relayMinus(before) / seconds,
                    after.restMinus(before) / seconds, (after.stack - before.stack) / 1e9 / seconds,
                    after.totalMinus(before) / seconds, Runtime.getRuntime().availableProcessors(),
                    StreamingLoadHarness.loadAverage());
            Thread.sleep(5000);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads every chunk and, in one transaction per commit interval, writes it to the changelog with the offsets. */
    private void relay(String bootstrap, int id, AtomicBoolean running, AtomicLong relayed) {
        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "floor-relay-consumer-" + id);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "floor-relay-producer-" + id);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "floor-relay-" + id);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = changelog ? new KafkaProducer<>(producerConfig,
                     new ByteArraySerializer(), new ByteArraySerializer()) : null) {
            consumer.subscribe(List.of(INPUT));
            if (producer != null) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long committedAt = System.nanoTime();
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (producer != null) {
                        producer.send(new ProducerRecord<>(CHANGELOG, r.partition(), r.key(), r.value()));
                    }
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                relayed.addAndGet(records.count());
                if (System.nanoTime() - committedAt >= commitInterval.toNanos() && !offsets.isEmpty()) {
                    if (producer != null) {
                        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                        producer.commitTransaction();
                        producer.beginTransaction();
                    } else {
                        consumer.commitSync(offsets);
                    }
                    offsets.clear();
                    committedAt = System.nanoTime();
                }
            }
        }
    }

    /** CPU time so far of this JVM's simulator and relay threads, the whole JVM, and the broker/registry JVMs. */
    private record Cpu(long nanoTime, long simulator, long relay, long jvm, long stack) {

        static Cpu take(LocalStack stack) {
            return new Cpu(System.nanoTime(),
                    ProcessCpu.threadsNamed(n -> n.startsWith("simulated-station") || n.contains("floor-simulator")),
                    ProcessCpu.threadsNamed(n -> n.contains("floor-relay")), ProcessCpu.jvm(), ProcessCpu.stack(stack));
        }

        double simulatorMinus(Cpu before) {
            return (simulator - before.simulator) / 1e9;
        }

        double relayMinus(Cpu before) {
            return (relay - before.relay) / 1e9;
        }

        double restMinus(Cpu before) {
            return (jvm - before.jvm) / 1e9 - simulatorMinus(before) - relayMinus(before);
        }

        double totalMinus(Cpu before) {
            return (jvm - before.jvm + stack - before.stack) / 1e9;
        }
    }
}
