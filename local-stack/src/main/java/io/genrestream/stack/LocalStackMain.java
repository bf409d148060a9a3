package io.genrestream.stack;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line: starts a {@link LocalStack}, prints its endpoints and runs until Ctrl-C. */
@Command(name = "local-stack",
        description = "Starts a real Kafka broker and a schema registry (Apicurio, Confluent-compatible API) on "
                + "127.0.0.1, prints their endpoints and runs until Ctrl-C. Started again on the same --data-dir, it "
                + "keeps its topics, records, offsets and schema ids (unless --fresh).")
public final class LocalStackMain implements Callable<Integer> {

    /** Exit code when the stack could not start. */
    static final int START_FAILED = 1;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Logs, broker data and the unpacked registry (default: ${DEFAULT-VALUE}).")
    private Path dataDirectory = LocalStack.DEFAULT_DATA_DIRECTORY;

    @Option(names = "--fresh", description = "Delete the broker's data and the registry's schemas left in the data "
            + "directory by an earlier start, and begin afresh.")
    private boolean fresh;

    @Option(names = "--broker-port", paramLabel = "PORT",
            description = "Kafka port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    private int brokerPort;

    @Option(names = "--registry-port", paramLabel = "PORT",
            description = "Schema registry port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    private int registryPort;

    @Option(names = "--broker-heap-mb", paramLabel = "MB", description = "Broker JVM heap (default: ${DEFAULT-VALUE}).")
    private int brokerHeapMb = LocalStack.DEFAULT_BROKER_HEAP_MB;

    @Option(names = "--registry-heap-mb", paramLabel = "MB",
            description = "Registry JVM heap (default: ${DEFAULT-VALUE}).")
    private int registryHeapMb = LocalStack.DEFAULT_REGISTRY_HEAP_MB;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalStackMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalStack stack;
        try {
            stack = LocalStack.builder()
                    .optDataDirectory(dataDirectory)
                    .optKeepData(!fresh)
                    .optBrokerPort(brokerPort)
                    .optRegistryPort(registryPort)
                    .optBrokerHeapMb(brokerHeapMb)
                    .optRegistryHeapMb(registryHeapMb)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        long startNanos = System.nanoTime();
        try {
            stack.start();
        } catch (LocalStackException e) {
            err.println("Local stack did not start: " + e.getMessage());
            err.flush();
            return START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long stopNanos = System.nanoTime();
            stack.close();
            out.printf("Local stack stopped in %.1f s%n", (System.nanoTime() - stopNanos) / 1e9);
            out.flush();
            stopped.countDown();
        }, "local-stack-stop"));
        out.printf("Local stack started in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
        out.println("bootstrap.servers=" + stack.bootstrapServers());
        out.println("schema.registry.url=" + stack.schemaRegistryUrl());
        out.println("Data and logs in " + stack.dataDirectory() + "; press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}
