package io.genrestream.app;

import io.genrestream.avro.AudioChunk;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.topics.TopicDescriptor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.List;
import java.util.Properties;

/** Clients of the end-to-end tests on the real broker: an idempotent chunk producer, read_committed checkers. */
public final class RealBrokerClients {

    private RealBrokerClients() {
    }

    public static KafkaProducer<String, AudioChunk> producer(StackEndpoints stack,
                                                      TopicDescriptor<String, AudioChunk> topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** A consumer of {@code topic} from the beginning that sees only committed records, as downstream users do. */
    public static <V> KafkaConsumer<String, V> consumer(StackEndpoints stack, TopicDescriptor<String, V> topic,
                                                        String run) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, run + "-check-" + topic.name());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }
}
