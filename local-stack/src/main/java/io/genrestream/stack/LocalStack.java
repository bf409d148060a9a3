package io.genrestream.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker and a real schema registry on 127.0.0.1, each in its own child JVM, for the demo and for
 * tests.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().optDataDirectory(dir).build().start()) {
 *     props.put("bootstrap.servers", stack.bootstrapServers());
 *     props.put("schema.registry.url", stack.schemaRegistryUrl());
 * }
 * }</pre>
 *
 * <p>Everything lives under the data directory, which the user can delete when the stack is stopped:
 * {@code kafka/} (server.properties, broker.log, format.log, data/), {@code registry/} (registry.log, tmp/, db/) and
 * {@code cache/} (the unpacked registry). By default each start begins afresh: broker storage formatted again,
 * registry database deleted. With {@link Builder#optKeepData(boolean) keepData} a start on a directory used before
 * keeps both (topics, records, offsets, cluster id; schemas and their ids), so the stack can be restarted on its
 * data. A lock file makes a second stack on the same directory fail clearly. Closing stops both children and their
 * descendants; JVM shutdown hooks do the same on Ctrl-C.
 */
public final class LocalStack implements AutoCloseable {

    /** Default data directory, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of(".genre-stream", "stack");
    /** Default broker JVM heap ({@code -Xmx}); the broker then uses about 350 MB resident. */
    public static final int DEFAULT_BROKER_HEAP_MB = 512;
    /** Default registry JVM heap ({@code -Xmx}); the registry then uses about 230 MB resident. */
    public static final int DEFAULT_REGISTRY_HEAP_MB = 384;
    /** Default time each child may take to answer (generous: two JVMs start at once, on busy machines too). */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    /** Default time a child may take to stop after the graceful signal before it is killed. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final String LOCK_FILE = "stack.lock";

    private enum State { NEW, RUNNING, CLOSED }

    private final Path dataDirectory;
    private final Path cacheDirectory;
    private final Path registryDistribution;
    private final ChildSettings brokerSettings;
    private final ChildSettings registrySettings;
    private final boolean keepData;

    private State state = State.NEW;
    private FileChannel lockChannel;
    private FileLock lock;
    private LocalKafkaBroker broker;
    private LocalSchemaRegistry registry;

    private LocalStack(Builder builder) {
        this.dataDirectory = builder.dataDirectory.toAbsolutePath().normalize();
        this.cacheDirectory = builder.cacheDirectory == null
                ? dataDirectory.resolve("cache") : builder.cacheDirectory.toAbsolutePath().normalize();
        this.registryDistribution = builder.registryDistribution;
        this.brokerSettings = new ChildSettings(builder.brokerPort, builder.brokerHeapMb, builder.startTimeout,
                builder.stopGrace);
        this.registrySettings = new ChildSettings(builder.registryPort, builder.registryHeapMb, builder.startTimeout,
                builder.stopGrace);
        this.keepData = builder.keepData;
    }

    /** A builder with the defaults: {@link #DEFAULT_DATA_DIRECTORY}, free ports, the default heaps. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker and the registry in parallel and returns once both answer.
     *
     * @return this stack
     * @throws IllegalStateException if this stack was already started or closed
     * @throws LocalStackException   if another stack uses the data directory, a port is in use, or a child does
     *                               not start (the message then ends with the tail of its log file); whatever
     *                               had started is stopped again
     */
    public synchronized LocalStack start() {
        if (state != State.NEW) {
            throw new IllegalStateException("This LocalStack was already " + (state == State.RUNNING ? "started"
                    : "closed") + "; build a new one to start again");
        }
        long startNanos = System.nanoTime();
        lockDataDirectory();
        // Chosen ports are checked before anything starts, so a busy one fails at once.
        try {
            LoopbackPorts.freeOrAny(brokerSettings.port(), "Kafka broker");
            LoopbackPorts.freeOrAny(registrySettings.port(), "Schema registry");
        } catch (RuntimeException e) {
            state = State.CLOSED;
            releaseLock();
            throw e;
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "local-stack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Path distribution = registryDistribution != null ? registryDistribution : RegistryDistribution.locate();
            CompletableFuture<LocalKafkaBroker> brokerStart = CompletableFuture.supplyAsync(
                    () -> LocalKafkaBroker.start(dataDirectory.resolve("kafka"), brokerSettings, keepData), executor);
            CompletableFuture<LocalSchemaRegistry> registryStart = CompletableFuture.supplyAsync(
                    () -> LocalSchemaRegistry.start(distribution, cacheDirectory, dataDirectory.resolve("registry"),
                            registrySettings, keepData), executor);
            // The first failure abandons the other start: interrupting its thread stops its child at once.
            brokerStart.exceptionally(failure -> abandon(executor));
            registryStart.exceptionally(failure -> abandon(executor));
            RuntimeException brokerFailure = failureOf(brokerStart);
            RuntimeException registryFailure = failureOf(registryStart);
            if (brokerFailure != null || registryFailure != null) {
                if (brokerFailure == null) {
                    brokerStart.join().close();
                }
                if (registryFailure == null) {
                    registryStart.join().close();
                }
                throw firstFailure(brokerFailure, registryFailure);
            }
            broker = brokerStart.join();
            registry = registryStart.join();
        } catch (RuntimeException e) {
            state = State.CLOSED;
            releaseLock();
            throw e;
        } finally {
            executor.shutdown();
        }
        state = State.RUNNING;
        LOG.info("Local stack started in {} ms: bootstrap.servers={} schema.registry.url={} (data {})",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), bootstrapServers(),
                schemaRegistryUrl(), dataDirectory);
        return this;
    }

    private static <T> T abandon(ExecutorService executor) {
        executor.shutdownNow();
        return null;
    }

    /** The real failure: the other one may only say it was interrupted because of it. */
    private static RuntimeException firstFailure(RuntimeException brokerFailure, RuntimeException registryFailure) {
        if (brokerFailure == null || registryFailure == null) {
            return brokerFailure != null ? brokerFailure : registryFailure;
        }
        boolean brokerAbandoned = brokerFailure.getCause() instanceof InterruptedException;
        RuntimeException first = brokerAbandoned ? registryFailure : brokerFailure;
        first.addSuppressed(brokerAbandoned ? brokerFailure : registryFailure);
        return first;
    }

    private static RuntimeException failureOf(CompletableFuture<?> start) {
        try {
            start.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void lockDataDirectory() {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        try {
            Files.createDirectories(dataDirectory);
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        } catch (IOException e) {
            throw new LocalStackException("Cannot lock the data directory " + dataDirectory + ": " + e, e);
        }
        if (lock == null) {
            releaseLock();
            throw new LocalStackException("Another local stack is already running with data directory "
                    + dataDirectory + " (" + lockFile + " is locked); stop it or choose another data directory");
        }
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.warn("Could not release {}: {}", dataDirectory.resolve(LOCK_FILE), e.toString());
        }
        lock = null;
        lockChannel = null;
    }

    /** {@code 127.0.0.1:<port>}, the value for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return running(() -> broker.bootstrapServers());
    }

    /** {@code http://127.0.0.1:<port>/apis/ccompat/v7}, the value for {@code schema.registry.url}. */
    public String schemaRegistryUrl() {
        return running(() -> registry.schemaRegistryUrl());
    }

    /** The absolute data directory (logs, broker data, unpacked registry by default). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The two child JVMs: broker, then registry. */
    public List<ProcessHandle> processes() {
        return running(() -> List.of(broker.process(), registry.process()));
    }

    private synchronized <T> T running(Supplier<T> value) {
        if (state != State.RUNNING) {
            throw new IllegalStateException("The local stack is " + (state == State.NEW ? "not started" : "closed"));
        }
        return value.get();
    }

    /** Stops both children in parallel (gracefully, then forcibly) and waits until they are gone. Idempotent. */
    @Override
    public synchronized void close() {
        if (state != State.RUNNING) {
            state = State.CLOSED;
            return;
        }
        long stopNanos = System.nanoTime();
        CompletableFuture<Void> brokerStop = CompletableFuture.runAsync(broker::close);
        registry.close();
        brokerStop.join();
        releaseLock();
        state = State.CLOSED;
        LOG.info("Local stack stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopNanos));
    }

    /** Options of a {@link LocalStack}; every value has a default. */
    public static final class Builder {

        private Path dataDirectory = DEFAULT_DATA_DIRECTORY;
        private Path cacheDirectory;
        private Path registryDistribution;
        private int brokerPort;
        private int registryPort;
        private int brokerHeapMb = DEFAULT_BROKER_HEAP_MB;
        private int registryHeapMb = DEFAULT_REGISTRY_HEAP_MB;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration stopGrace = DEFAULT_STOP_GRACE;
        private boolean keepData;

        private Builder() {
        }

        /**
         * Whether a start keeps what an earlier stack left in the data directory (broker storage, registry database);
         * default false: each start begins afresh.
         */
        public Builder optKeepData(boolean keepData) {
            this.keepData = keepData;
            return this;
        }

        /** Where logs and data go; default {@link LocalStack#DEFAULT_DATA_DIRECTORY}. */
        public Builder optDataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /** Where the registry distribution is unpacked (once); default {@code <data directory>/cache}. */
        public Builder optCacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
            return this;
        }

        /** The Apicurio Registry tar.gz; default {@link RegistryDistribution#locate()}. */
        public Builder optRegistryDistribution(Path registryDistribution) {
            this.registryDistribution = Objects.requireNonNull(registryDistribution, "registryDistribution");
            return this;
        }

        /** Kafka client port; default 0, a free port. */
        public Builder optBrokerPort(int brokerPort) {
            this.brokerPort = brokerPort;
            return this;
        }

        /** Schema registry HTTP port; default 0, a free port. */
        public Builder optRegistryPort(int registryPort) {
            this.registryPort = registryPort;
            return this;
        }

        /** Broker JVM {@code -Xmx} in MB; default {@value LocalStack#DEFAULT_BROKER_HEAP_MB}. */
        public Builder optBrokerHeapMb(int brokerHeapMb) {
            this.brokerHeapMb = brokerHeapMb;
            return this;
        }

        /** Registry JVM {@code -Xmx} in MB; default {@value LocalStack#DEFAULT_REGISTRY_HEAP_MB}. */
        public Builder optRegistryHeapMb(int registryHeapMb) {
            this.registryHeapMb = registryHeapMb;
            return this;
        }

        /** How long each child may take to answer; default 120 s. */
        public Builder optStartTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /** How long a graceful stop may take before the child is killed; default 20 s. */
        public Builder optStopGrace(Duration stopGrace) {
            this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
            return this;
        }

        /**
         * A stack with these options, not started yet.
         *
         * @throws IllegalArgumentException if a port, heap or duration is out of range
         */
        public LocalStack build() {
            return new LocalStack(this);
        }
    }
}
