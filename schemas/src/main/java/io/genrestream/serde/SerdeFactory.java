package io.genrestream.serde;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Creates the Avro value serdes from configuration, so the implementation can be swapped without code changes:
 * {@value #SERDE_CLASS} names a {@link Serde} class with a public no-argument constructor (default
 * {@link ConfluentAvroSerde}; Confluent's {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde} works the
 * same when its jars are on the classpath). The serde is configured with the whole map, so the registry keys
 * ({@code schema.registry.url}, basic auth, ...) reach it unchanged.
 */
public final class SerdeFactory {

    /** Configuration key naming the Avro serde class. */
    public static final String SERDE_CLASS = "genre.serde.class";
    /** Used when {@value #SERDE_CLASS} is not set. */
    public static final String DEFAULT_SERDE_CLASS = "io.genrestream.serde.ConfluentAvroSerde";

    private final Map<String, ?> config;

    /** Factory reading {@value #SERDE_CLASS} and the serde settings from {@code config}. */
    public SerdeFactory(Map<String, ?> config) {
        this.config = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(config));
    }

    /** A new, configured instance of the configured serde class. */
    public <T> Serde<T> create(boolean isKey) {
        String className = new ConfigValues(config).string(SERDE_CLASS).orElse(DEFAULT_SERDE_CLASS);
        Serde<T> serde = instantiate(className);
        serde.configure(config, isKey);
        return serde;
    }

    /** The configured value serde (isKey = false). */
    public <T> Serde<T> valueSerde() {
        return create(false);
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(SERDE_CLASS, className, "class not found on the classpath");
        }
        if (!Serde.class.isAssignableFrom(type)) {
            throw new ConfigException(SERDE_CLASS, className, "does not implement " + Serde.class.getName());
        }
        try {
            return (Serde<T>) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new ConfigException(SERDE_CLASS, className, "has no public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new ConfigException(SERDE_CLASS, className, "constructor failed: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(SERDE_CLASS, className, "cannot be instantiated: " + e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SerdeFactory.class.getClassLoader();
    }
}
