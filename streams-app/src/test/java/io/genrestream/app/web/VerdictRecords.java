package io.genrestream.app.web;

import io.genrestream.avro.FinishReason;
import io.genrestream.avro.GenreChange;
import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamGenre;
import io.genrestream.avro.TieBreak;
import io.genrestream.avro.TrackGenre;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.topics.GenreTopics;
import io.genrestream.topics.TopicDescriptor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/**
 * Writes verdict records onto the app's output topics the way the topology does: with the schemas module's serde
 * (Confluent frame, schema registered in the real registry), keyed by track/stream id, one transaction per call
 * (the feed reads read_committed).
 */
final class VerdictRecords implements AutoCloseable {

    private final GenreTopics topics;
    private final KafkaProducer<String, TrackGenre> tracks;
    private final KafkaProducer<String, StreamGenre> streams;
    private final KafkaProducer<String, GenreChange> changes;

    VerdictRecords(StackEndpoints stack, GenreTopics topics, String run) {
        this.topics = topics;
        this.tracks = producer(stack, topics.trackGenres(), run + "-tracks");
        this.streams = producer(stack, topics.streamGenres(), run + "-streams");
        this.changes = producer(stack, topics.genreChanges(), run + "-changes");
    }

    static TrackGenre track(String id, String genre, double confidence, Map<String, Integer> votes, String title,
                            String artist) {
        int segments = votes.values().stream().mapToInt(Integer::intValue).sum();
        return TrackGenre.newBuilder().setTrackId(id).setGenre(genre).setConfidence(confidence).setVotes(Map.copyOf(votes))
                .setTieBreak(TieBreak.NONE).setGruSoftmaxSums(Map.of(genre, confidence * segments))
                .setSegmentCount(segments).setDurationSeconds(segments * 3.0).setBundleVersion("test-1")
                .setFirstChunkAtMs(Instant.now().minusSeconds(segments * 3L)).setFinishedAtMs(Instant.now())
                .setReason(FinishReason.END_OF_TRACK)
                .setSource(SourceMetadata.newBuilder().setTitle(title).setArtist(artist).build()).build();
    }

    static StreamGenre stream(String id, String genre, double confidence, double windowEndSeconds) {
        return StreamGenre.newBuilder().setStreamId(id).setGenre(genre).setConfidence(confidence)
                .setVotes(Map.of(genre, (int) Math.round(confidence * 10))).setWindowSeconds(30.0)
                .setWindowStartSeconds(Math.max(0, windowEndSeconds - 30.0)).setWindowEndSeconds(windowEndSeconds)
                .setSegmentCount(10).setBundleVersion("test-1").setAtMs(Instant.now()).build();
    }

    static GenreChange change(String id, String from, String to, double atSeconds, double confidence) {
        return GenreChange.newBuilder().setStreamId(id).setFromGenre(from).setToGenre(to).setAtSeconds(atSeconds)
                .setAtMs(Instant.now()).setConfidence(confidence).setBundleVersion("test-1").build();
    }

    void send(TrackGenre... verdicts) {
        tracks.beginTransaction();
        for (TrackGenre v : verdicts) {
            tracks.send(new ProducerRecord<>(topics.trackGenres().name(), v.getTrackId(), v));
        }
        tracks.commitTransaction();
    }

    void send(StreamGenre... verdicts) {
        streams.beginTransaction();
        for (StreamGenre v : verdicts) {
            streams.send(new ProducerRecord<>(topics.streamGenres().name(), v.getStreamId(), v));
        }
        streams.commitTransaction();
    }

    void send(GenreChange... events) {
        changes.beginTransaction();
        for (GenreChange c : events) {
            changes.send(new ProducerRecord<>(topics.genreChanges().name(), c.getStreamId(), c));
        }
        changes.commitTransaction();
    }

    @Override
    public void close() {
        tracks.close();
        streams.close();
        changes.close();
    }

    private static <V> KafkaProducer<String, V> producer(StackEndpoints stack, TopicDescriptor<String, V> topic,
                                                        String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<String, V> producer = new KafkaProducer<>(p, topic.keySerde().serializer(),
                topic.valueSerde().serializer());
        producer.initTransactions();
        return producer;
    }
}
