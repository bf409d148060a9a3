package io.genrestream.stack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry in its own JVM on 127.0.0.1, used through its Confluent-compatible API
 * ({@link #schemaRegistryUrl()}). Schemas are stored in Apicurio's SQL storage on an H2 database file under the
 * registry directory ({@code db/}; Apicurio's default is an in-memory H2 database), so a registry started again on
 * the same directory answers the same schema ids, which the broker's kept records carry in their Confluent frame.
 * A fresh start deletes the database.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSchemaRegistry.class);
    /** Path of the Confluent Schema Registry compatible API. */
    public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final ChildProcess process;
    private final String schemaRegistryUrl;

    private LocalSchemaRegistry(ChildProcess process, String schemaRegistryUrl) {
        this.process = process;
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    /**
     * Unpacks the distribution into {@code cacheDirectory} (once) and starts the registry; returns once
     * {@code GET <url>/subjects} answers 200.
     *
     * @param distribution   the {@code apicurio-registry-app-*-all.tar.gz} (see {@link RegistryDistribution#locate()})
     * @param cacheDirectory where the distribution is unpacked, shared by later starts
     * @param registryDirectory where the log file, the registry's temporary files and its database go
     * @param keepData          keep the schemas stored by an earlier start on this directory
     * @throws LocalStackException if the port is in use or the registry does not start; the message then ends with
     *                             the tail of its log file
     */
    public static LocalSchemaRegistry start(Path distribution, Path cacheDirectory, Path registryDirectory,
                                            ChildSettings settings, boolean keepData) {
        Path directory = registryDirectory.toAbsolutePath().normalize(); // the child's working directory differs
        int port = LoopbackPorts.freeOrAny(settings.port(), "Schema registry");
        // Quarkus serves health and metrics on a second port (default 9000, often taken): pick a free one.
        int managementPort = LoopbackPorts.findFree();
        Path runnerJar = RegistryDistribution.unpackedRunnerJar(distribution.toAbsolutePath(),
                cacheDirectory.toAbsolutePath());
        Path tmp = directory.resolve("tmp");
        Path database = directory.resolve("db");
        try {
            if (!keepData && Files.exists(database)) {
                PathUtils.deleteDirectory(database);
            }
            Files.createDirectories(tmp);
            Files.createDirectories(database);
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare " + directory + ": " + e, e);
        }
        List<String> command = new ArrayList<>(ChildJvm.command(settings.heapMb(), List.of(
                "-Djava.io.tmpdir=" + tmp,
                "-Dquarkus.http.host=" + LoopbackPorts.HOST,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=" + LoopbackPorts.HOST,
                "-Dquarkus.management.port=" + managementPort,
                "-Dapicurio.datasource.url=jdbc:h2:file:" + database.resolve("registry"))));
        command.addAll(List.of("-jar", runnerJar.toString()));

        long startNanos = System.nanoTime();
        ChildProcess process = ChildProcess.start("schema-registry", command, directory,
                directory.resolve("registry.log"), settings.stopGrace());
        String url = "http://" + LoopbackPorts.HOST + ":" + port + CONFLUENT_API_PATH;
        URI probe = URI.create(url + "/subjects");
        try {
            process.awaitReady(() -> answers(probe), settings.startTimeout());
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        LOG.info("Schema registry ready at {} in {} ms (pid {}, log {})", url,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), process.handle().pid(),
                process.logFile());
        return new LocalSchemaRegistry(process, url);
    }

    /**
     * True when {@code probe} answers 200. Through {@link HttpURLConnection}, not {@code java.net.http}: a Java 17
     * {@code HttpClient} cannot be closed, and its selector thread, left in native code, makes the JVM's exit wait
     * 300 ms (docs/benchmarks.md, "Failover (issue 17)").
     */
    private static boolean answers(URI probe) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) probe.toURL().openConnection();
            connection.setConnectTimeout((int) PROBE_TIMEOUT.toMillis());
            connection.setReadTimeout((int) PROBE_TIMEOUT.toMillis());
            return connection.getResponseCode() == HttpURLConnection.HTTP_OK;
        } catch (IOException notListeningYet) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** {@code http://127.0.0.1:<port>/apis/ccompat/v7}, the value for {@code schema.registry.url}. */
    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** The registry JVM. */
    public ProcessHandle process() {
        return process.handle();
    }

    /** Stops the registry (gracefully, then forcibly) and waits until its JVM is gone. */
    @Override
    public void close() {
        process.stop();
    }
}
