package io.genrestream.serde;

import org.apache.kafka.common.config.ConfigException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of the Confluent-format Avro serializer and deserializer, read from Confluent's own configuration keys.
 *
 * @param autoRegisterSchemas register the record's schema under the subject when serializing
 * @param useLatestVersion    serialize with the subject's latest registered schema instead of the record's own
 * @param specificAvroReader  deserialize into the generated class named by the writer schema instead of GenericRecord
 */
public record AvroSerdeConfig(boolean autoRegisterSchemas, boolean useLatestVersion, boolean specificAvroReader) {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** The only subject name strategy supported: subject = topic + "-key" / "-value". */
    public static final Set<String> TOPIC_NAME_STRATEGY = Set.of(
            "io.confluent.kafka.serializers.subject.TopicNameStrategy", "TopicNameStrategy");

    /** Reads the settings; {@code isKey} selects which subject name strategy key is checked. */
    public static AvroSerdeConfig from(Map<String, ?> config, boolean isKey) {
        ConfigValues values = new ConfigValues(config);
        String strategyKey = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        Optional<String> strategy = values.string(strategyKey);
        if (strategy.isPresent() && !TOPIC_NAME_STRATEGY.contains(strategy.get())) {
            throw new ConfigException(strategyKey, strategy.get(),
                    "only io.confluent.kafka.serializers.subject.TopicNameStrategy (subject <topic>-key / <topic>-value) is supported");
        }
        return new AvroSerdeConfig(values.bool(AUTO_REGISTER_SCHEMAS, true), values.bool(USE_LATEST_VERSION, false),
                values.bool(SPECIFIC_AVRO_READER, false));
    }

    /** Subject of the key or value schema of {@code topic} under TopicNameStrategy. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
