package io.genrestream.serde;

import org.apache.avro.Schema;

/**
 * The calls the Confluent-format serdes make to a schema registry speaking Confluent's REST API.
 * Implementations cache: a schema registered or looked up once under a subject, and a schema fetched once by id,
 * are answered from memory afterwards.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (a no-op at the registry when it is already there).
     *
     * @return the registry's global id of the schema
     * @throws SchemaRegistryException when the registry refuses (e.g. incompatible schema) or cannot be reached
     */
    int register(String subject, Schema schema);

    /**
     * Finds the id of {@code schema} already registered under {@code subject}, without registering it.
     *
     * @throws SchemaRegistryException when the subject or schema is not registered or the registry cannot be reached
     */
    int lookupId(String subject, Schema schema);

    /**
     * Fetches the schema with the given global id.
     *
     * @throws SchemaRegistryException when the id is unknown ({@link SchemaRegistryException#isNotFound()}) or the
     *                                 registry cannot be reached
     */
    Schema getById(int id);

    /**
     * Fetches the newest version registered under {@code subject}.
     *
     * @throws SchemaRegistryException when the subject is unknown or the registry cannot be reached
     */
    RegisteredSchema getLatest(String subject);

    /** Where this client talks to, for error messages (e.g. the registry URLs). */
    String describe();
}
