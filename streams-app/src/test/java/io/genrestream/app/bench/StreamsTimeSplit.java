package io.genrestream.app.bench;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the app's stream threads and their clients spend time, from Kafka's own metrics (averages and maxima over
 * the metrics' last sample windows, ~30 s): the loop's poll / process / punctuate / commit latencies and ratios, the
 * exactly-once producer's transaction times and queue time, the consumer's fetch latency. For reading a latency
 * figure, not a figure of its own.
 */
final class StreamsTimeSplit {

    private static final Set<String> THREAD = Set.of("poll-latency-avg", "poll-latency-max", "poll-records-avg",
            "process-latency-avg", "process-latency-max", "process-records-avg", "punctuate-latency-avg",
            "punctuate-latency-max", "commit-latency-avg", "commit-latency-max", "poll-ratio", "process-ratio",
            "punctuate-ratio", "commit-ratio");
    private static final Set<String> PRODUCER = Set.of("record-queue-time-avg", "record-queue-time-max",
            "request-latency-avg", "request-latency-max", "produce-throttle-time-avg");
    private static final Set<String> CONSUMER = Set.of("fetch-latency-avg", "fetch-latency-max");
    private static final Set<String> NODE = Set.of("record-e2e-latency-avg", "record-e2e-latency-max");

    private StreamsTimeSplit() {
    }

    /** One line per client: {@code name=value} for the metrics above. */
    static List<String> describe(KafkaStreams streams) {
        return describe(streams.metrics());
    }

    /**
     * The same for any Kafka client's metrics; source nodes' {@code record-e2e-latency} is the time from a record's
     * timestamp (the producer's send) to its processing.
     */
    static List<String> describe(Map<MetricName, ? extends Metric> metrics) {
        Map<String, List<String>> byClient = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            boolean wanted = switch (name.group()) {
                case "stream-thread-metrics" -> THREAD.contains(name.name());
                case "producer-metrics" -> PRODUCER.contains(name.name());
                case "consumer-fetch-manager-metrics" -> CONSUMER.contains(name.name())
                        && !name.tags().containsKey("topic");
                case "stream-processor-node-metrics" -> NODE.contains(name.name())
                        && name.tags().getOrDefault("processor-node-id", "").endsWith("-source");
                default -> false;
            };
            Object value = e.getValue().metricValue();
            if (!wanted || !(value instanceof Double d) || d.isNaN()) {
                continue;
            }
            String client = name.tags().getOrDefault("thread-id", name.tags().getOrDefault("client-id", "?"))
                    + (name.tags().containsKey("task-id") ? " task " + name.tags().get("task-id") : "");
            byClient.computeIfAbsent(name.group() + " " + shortClient(client), k -> new ArrayList<>())
                    .add(String.format("%s=%.3g", name.name(), d));
        }
        List<String> lines = new ArrayList<>();
        byClient.forEach((client, values) -> lines.add("  " + client + ": " + String.join(" ",
                values.stream().sorted().toList())));
        return lines;
    }

    private static String shortClient(String client) {
        int thread = client.indexOf("StreamThread");
        return thread < 0 ? client : client.substring(thread);
    }
}
