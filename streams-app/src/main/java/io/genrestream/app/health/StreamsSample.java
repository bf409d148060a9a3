package io.genrestream.app.health;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/**
 * What Kafka Streams' own client metrics say at one moment: read locally, without a request to the broker, so a
 * health check answers at once even while the broker is unreachable.
 *
 * @param state             the client's state
 * @param aliveThreads      {@code alive-stream-threads}
 * @param failedThreads     {@code failed-stream-threads}: stream threads died since start (each REPLACE_THREAD too)
 * @param processed         {@code process-total} summed over the live stream threads
 * @param inputLag          {@code records-lag} of the main consumers' partitions (0 when not known yet)
 */
public record StreamsSample(KafkaStreams.State state, int aliveThreads, int failedThreads, double processed,
                            double inputLag) {

    /** Reads the sample from {@link KafkaStreams#metrics()}. */
    public static StreamsSample of(KafkaStreams streams) {
        int alive = 0;
        int failed = 0;
        double processed = 0;
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            String group = name.group();
            String metric = name.name();
            if ("stream-metrics".equals(group) && "alive-stream-threads".equals(metric)) {
                alive = (int) number(e.getValue());
            } else if ("stream-metrics".equals(group) && "failed-stream-threads".equals(metric)) {
                failed = (int) number(e.getValue());
            } else if ("stream-thread-metrics".equals(group) && "process-total".equals(metric)) {
                processed += number(e.getValue());
            } else if (isMainConsumer(name) && "consumer-fetch-manager-metrics".equals(group)
                    && "records-lag".equals(metric)) {
                lag += number(e.getValue());
            }
        }
        return new StreamsSample(streams.state(), alive, failed, processed, lag);
    }

    /** The stream threads' consumers of the input topics ({@code …-StreamThread-N-consumer}), not restore ones. */
    private static boolean isMainConsumer(MetricName name) {
        String client = name.tags().getOrDefault("client-id", "");
        return client.endsWith("-consumer") && !client.endsWith("-restore-consumer")
                && !client.endsWith("-global-consumer");
    }

    /** The metric's value; NaN (not measured yet) counts as 0. */
    private static double number(Metric metric) {
        Object value = metric.metricValue();
        if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
            return n.doubleValue();
        }
        return 0;
    }
}
