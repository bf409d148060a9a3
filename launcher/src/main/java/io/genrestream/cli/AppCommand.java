package io.genrestream.cli;

import io.genrestream.app.Application;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code genre-stream app}: the streams app against given brokers, registry and bundle. Each option is one key of
 * streams-app's {@code application.yml}; an option given wins over the key's environment variable, an option left
 * out leaves the key to the environment and the file.
 */
@Command(name = "app", mixinStandardHelpOptions = true, version = "genre-stream app 0.1.0", sortOptions = false,
        description = {"Runs the Genre Stream streams app (Kafka Streams topology, REST, dashboard, /health, "
                + "/prometheus) until Ctrl-C.",
            "Every setting of streams-app/src/main/resources/application.yml can be given with --set KEY=VALUE or its "
                + "environment variable (upper case, dots and dashes as underscores)."})
public final class AppCommand implements Callable<Integer> {

    /** How often the command checks whether the app has stopped on its own (it normally stops on Ctrl-C). */
    private static final Duration RUNNING_CHECK = Duration.ofSeconds(1);

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka brokers (kafka.bootstrap.servers, env KAFKA_BOOTSTRAP_SERVERS; file default localhost:9092).")
    private String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry (kafka.streams.default.schema.registry.url, env "
                    + "SCHEMA_REGISTRY_URL; file default http://localhost:8081/apis/ccompat/v7).")
    private String registryUrl;

    @Option(names = "--bundle", paramLabel = "DIR",
            defaultValue = "${env:GENRE_BUNDLE_PATH:-${sys:genre.home:-.}/bundles/default}",
            description = "Model bundle directory (genre.bundle.path, env GENRE_BUNDLE_PATH; default: ${DEFAULT-VALUE}).")
    private Path bundle;

    @Option(names = "--port", paramLabel = "PORT",
            description = "HTTP port of REST, dashboard and metrics (micronaut.server.port, env GENRE_HTTP_PORT; "
                    + "file default 8080).")
    private Integer port;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Kafka Streams state stores (kafka.streams.default.state.dir; Kafka's default under the "
                    + "temp directory).")
    private Path stateDir;

    @Option(names = "--advertised-host-port", paramLabel = "HOST:PORT",
            description = "This instance's HTTP address for the other instances of the same application "
                    + "(kafka.streams.default.application.server, env GENRE_ADVERTISED_HOST_PORT).")
    private String advertisedHostPort;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any other setting, e.g. --set kafka.streams.default.num.stream.threads=2 (repeatable).")
    private Map<String, String> settings = new HashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isRegularFile(bundle.resolve("bundle.json"))) {
            throw new ParameterException(spec.commandLine(), "--bundle: " + bundle
                    + " is not a model bundle (no bundle.json); build one with 'genre-stream train'");
        }
        ApplicationContext app = Micronaut.build(new String[0]).mainClass(Application.class).properties(properties()).start();
        // Micronaut stops the app on Ctrl-C with its own shutdown hook; returning earlier would exit the JVM
        while (app.isRunning()) {
            Thread.sleep(RUNNING_CHECK.toMillis());
        }
        return 0;
    }

    Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>(settings);
        props.put("genre.bundle.path", bundle.toAbsolutePath().toString());
        putIfGiven(props, "kafka.bootstrap.servers", bootstrapServers);
        putIfGiven(props, "kafka.streams.default.schema.registry.url", registryUrl);
        putIfGiven(props, "micronaut.server.port", port);
        putIfGiven(props, "kafka.streams.default.state.dir", stateDir == null ? null : stateDir.toAbsolutePath().toString());
        putIfGiven(props, "kafka.streams.default.application.server", advertisedHostPort);
        return props;
    }

    private static void putIfGiven(Map<String, Object> props, String key, Object value) {
        if (value != null) {
            props.put(key, value);
        }
    }
}
