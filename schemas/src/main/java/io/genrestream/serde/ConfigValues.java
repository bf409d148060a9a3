package io.genrestream.serde;

import org.apache.kafka.common.config.ConfigException;

import java.util.Map;
import java.util.Optional;

/** Reads typed values out of a Kafka-style configuration map whose values may be strings or typed objects. */
final class ConfigValues {

    private final Map<String, ?> config;

    ConfigValues(Map<String, ?> config) {
        this.config = config == null ? Map.of() : config;
    }

    Optional<String> string(String key) {
        Object value = config.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Class<?> type) {
            return Optional.of(type.getName());
        }
        if (value instanceof char[] chars) {
            return Optional.of(new String(chars));
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String requiredString(String key) {
        return string(key).orElseThrow(() -> new ConfigException("Missing required configuration \"" + key + "\" which has no default value."));
    }

    boolean bool(String key, boolean defaultValue) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, config.get(key), "expected true or false");
        };
    }

    int positiveInt(String key, int defaultValue) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value <= 0) {
                throw new ConfigException(key, config.get(key), "must be a positive integer");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, config.get(key), "not an integer");
        }
    }
}
