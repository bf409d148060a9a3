package io.genrestream.serde;

import org.apache.avro.Schema;

import java.util.Objects;

/**
 * One version of a subject in the schema registry.
 *
 * @param subject subject the version belongs to
 * @param version version number within the subject
 * @param id      the registry's global schema id (what the Confluent frame carries)
 * @param schema  the parsed Avro schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }

    @Override
    public String toString() {
        return "RegisteredSchema[subject=" + subject + ", version=" + version + ", id=" + id + ", schema=" + schema.getFullName() + "]";
    }
}
