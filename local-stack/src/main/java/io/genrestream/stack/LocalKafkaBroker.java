package io.genrestream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) in its own JVM, listening on 127.0.0.1.
 *
 * <p>Storage is under {@code <directory>/data}. A fresh start deletes and formats it (new cluster id); a start that
 * keeps data runs the broker on storage formatted before (its {@code meta.properties}: cluster id, node id) with its
 * topics, offsets and transactions, and formats only when there is none yet.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL_CLASS = "kafka.tools.StorageTool";
    private static final String LOGBACK_RESOURCE = "broker-logback.xml";
    private static final int NODE_ID = 1;
    /** Written by the storage format: cluster id and node id of formatted storage. */
    private static final String META_PROPERTIES = "meta.properties";
    /** Timeout of one readiness probe (TCP connect, then describeCluster). */
    private static final int PROBE_TIMEOUT_MS = 2000;

    private final ChildProcess process;
    private final String bootstrapServers;

    private LocalKafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats storage (unless kept) and starts the broker; returns once an AdminClient {@code describeCluster} answers.
     *
     * @param brokerDirectory where server.properties, the log files and the data go (created if absent)
     * @param keepData        start on the storage already formatted there, if any, instead of formatting afresh
     * @throws LocalStackException if the port is in use or the broker does not start; the message then ends with
     *                             the tail of the broker's log file
     */
    public static LocalKafkaBroker start(Path brokerDirectory, ChildSettings settings, boolean keepData) {
        Path directory = brokerDirectory.toAbsolutePath().normalize(); // the child's working directory differs
        int port = LoopbackPorts.freeOrAny(settings.port(), "Kafka broker");
        int controllerPort = LoopbackPorts.findFree();
        String classpath = KafkaBrokerClasspath.load();
        Path data = directory.resolve("data");
        boolean formatted = keepData && Files.isRegularFile(data.resolve(META_PROPERTIES));
        Path serverProperties = prepareDirectory(directory, data, !formatted, port, controllerPort);
        List<String> jvm = ChildJvm.command(settings.heapMb(), List.of(
                "-Dlogback.configurationFile=" + directory.resolve(LOGBACK_RESOURCE),
                "-cp", classpath));

        long startNanos = System.nanoTime();
        if (formatted) {
            LOG.info("Kafka broker starts on its kept data in {}", data);
        } else {
            List<String> format = new ArrayList<>(jvm);
            // StorageTool's own "random-uuid" command prints Uuid.randomUuid(); calling it directly saves a JVM start.
            format.addAll(List.of(STORAGE_TOOL_CLASS, "format", "-t", Uuid.randomUuid().toString(),
                    "-c", serverProperties.toString()));
            ChildProcess.start("kafka-storage-format", format, directory, directory.resolve("format.log"),
                    settings.stopGrace()).awaitSuccess(settings.startTimeout());
        }

        List<String> server = new ArrayList<>(jvm);
        server.addAll(List.of(MAIN_CLASS, serverProperties.toString()));
        ChildProcess process = ChildProcess.start("kafka-broker", server, directory, directory.resolve("broker.log"),
                settings.stopGrace());
        String bootstrap = LoopbackPorts.HOST + ":" + port;
        try (ReadinessProbe probe = new ReadinessProbe(bootstrap, port)) {
            process.awaitReady(probe, settings.startTimeout());
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        LOG.info("Kafka broker ready at {} in {} ms (pid {}, log {})", bootstrap,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), process.handle().pid(),
                process.logFile());
        return new LocalKafkaBroker(process, bootstrap);
    }

    private static Path prepareDirectory(Path directory, Path data, boolean fresh, int port, int controllerPort) {
        try {
            if (fresh && Files.exists(data)) {
                PathUtils.deleteDirectory(data);
            }
            Files.createDirectories(data);
            Path serverProperties = directory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(serverProperties)) {
                serverProperties(data, port, controllerPort).store(out, "Written by " + LocalKafkaBroker.class.getName());
            }
            try (InputStream in = LocalKafkaBroker.class.getResourceAsStream(LOGBACK_RESOURCE)) {
                Files.write(directory.resolve(LOGBACK_RESOURCE), in.readAllBytes());
            }
            return serverProperties;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the broker directory " + directory, e);
        }
    }

    /** The broker's configuration: combined KRaft node, loopback only, single-replica internal topics. */
    static Properties serverProperties(Path dataDirectory, int port, int controllerPort) {
        String host = LoopbackPorts.HOST;
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDirectory.toAbsolutePath().toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // groups of Kafka Streams' own rebalance protocol (KIP-1071, group.protocol=streams) take their session
        // timeout, heartbeat and standby replicas from the broker (45 s / 5 s / 0 by default, 45 s also the minimum):
        // here the same as the app's classic-protocol settings, so both protocols fail over alike
        p.setProperty("group.streams.min.session.timeout.ms", "6000");
        p.setProperty("group.streams.session.timeout.ms", "6000");
        p.setProperty("group.streams.min.heartbeat.interval.ms", "2000");
        p.setProperty("group.streams.heartbeat.interval.ms", "2000");
        p.setProperty("group.streams.num.standby.replicas", "1");
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    /**
     * True once an AdminClient {@code describeCluster} lists the broker. The AdminClient is created only when the
     * port accepts connections: it starts connecting at once and would log a warning per failed attempt.
     */
    private static final class ReadinessProbe implements BooleanSupplier, AutoCloseable {

        private final String bootstrap;
        private final int port;
        private Admin admin;

        ReadinessProbe(String bootstrap, int port) {
            this.bootstrap = bootstrap;
            this.port = port;
        }

        @Override
        public boolean getAsBoolean() {
            if (admin == null) {
                if (!listening()) {
                    return false;
                }
                Properties p = new Properties();
                p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(PROBE_TIMEOUT_MS));
                p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(PROBE_TIMEOUT_MS));
                admin = Admin.create(p);
            }
            try {
                return !admin.describeCluster().nodes().get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS).isEmpty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException notReadyYet) {
                return false;
            }
        }

        private boolean listening() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), PROBE_TIMEOUT_MS);
                return true;
            } catch (IOException notListeningYet) {
                return false;
            }
        }

        @Override
        public void close() {
            if (admin != null) {
                admin.close(Duration.ofMillis(PROBE_TIMEOUT_MS));
            }
        }
    }

    /** {@code 127.0.0.1:<port>}, the value for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker JVM. */
    public ProcessHandle process() {
        return process.handle();
    }

    /** Stops the broker (gracefully, then forcibly) and waits until its JVM is gone. */
    @Override
    public void close() {
        process.stop();
    }
}
