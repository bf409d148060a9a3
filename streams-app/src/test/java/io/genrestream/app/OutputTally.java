package io.genrestream.app;

import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.TrackGenre;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.topics.GenreTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.genrestream.app.RealBrokerClients.consumer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a downstream read_committed consumer sees of a run: segment scores counted per track and segment, verdicts per
 * track. The crash and failover tests check exactly-once with it.
 */
final class OutputTally implements AutoCloseable {

    private final KafkaConsumer<String, SegmentScore> scoreConsumer;
    private final KafkaConsumer<String, TrackGenre> verdictConsumer;
    private final Map<String, Integer> scores = new TreeMap<>();
    private final Map<String, List<TrackGenre>> verdicts = new TreeMap<>();
    /**
     * Topic, partition and offset of every record counted. The checkers are group consumers: when a broker restart
     * makes their group rebalance before they committed, they read the same records again from the last committed
     * offset. A record read twice is the same record, not a duplicate the app wrote (that one has its own offset).
     */
    private final Set<String> counted = new HashSet<>();

    OutputTally(StackEndpoints stack, GenreTopics topics, String run) {
        scoreConsumer = consumer(stack, topics.segmentScores(), run);
        verdictConsumer = consumer(stack, topics.trackGenres(), run);
    }

    /** Reads what has been committed since the last poll. */
    void poll() {
        for (ConsumerRecord<String, SegmentScore> r : scoreConsumer.poll(Duration.ofMillis(250))) {
            if (!firstRead(r)) {
                continue;
            }
            scores.merge(r.key() + "#" + r.value().getSegmentIndex(), 1, Integer::sum);
        }
        for (ConsumerRecord<String, TrackGenre> r : verdictConsumer.poll(Duration.ofMillis(250))) {
            if (!firstRead(r)) {
                continue;
            }
            verdicts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
    }

    private boolean firstRead(ConsumerRecord<?, ?> r) {
        return counted.add(r.topic() + "/" + r.partition() + "@" + r.offset());
    }

    /** Polls until at least one segment score arrived (or the timeout passed); returns the scores seen. */
    int awaitFirstScores(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (scores.isEmpty() && Instant.now().isBefore(deadline)) {
            poll();
        }
        return scoreCount();
    }

    /** Polls until {@code tracks} verdicts arrived (or the timeout passed), then 5 s more for any duplicate. */
    void awaitVerdicts(int tracks, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (verdicts.size() < tracks && Instant.now().isBefore(deadline)) {
            poll();
        }
        Instant quiet = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(quiet)) {
            poll();
        }
    }

    int scoreCount() {
        return scores.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Exactly one verdict per track, counting every segment, and exactly one score per segment. */
    void assertExactlyOnce(int tracks, int segmentsPerTrack) {
        assertThat(verdicts).hasSize(tracks);
        verdicts.forEach((id, list) -> {
            assertThat(list).as("verdicts of " + id).hasSize(1);
            assertThat(list.get(0).getSegmentCount()).as("segments of " + id).isEqualTo(segmentsPerTrack);
        });
        assertThat(scores).as("scores per track#segment").hasSize(tracks * segmentsPerTrack);
        assertThat(scores.values()).as("each segment scored exactly once: " + scores).containsOnly(1);
    }

    @Override
    public void close() {
        scoreConsumer.close();
        verdictConsumer.close();
    }
}
