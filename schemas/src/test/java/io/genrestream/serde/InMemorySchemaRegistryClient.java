package io.genrestream.serde;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only registry kept in memory, for unit tests of the wire format that must not depend on a running registry.
 * The real registry is exercised by the *IT tests.
 */
final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, List<Integer>> versions = new HashMap<>();
    private int nextId;

    InMemorySchemaRegistryClient(int firstId) {
        this.nextId = firstId;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = byId.entrySet().stream().filter(e -> e.getValue().equals(schema)).map(Map.Entry::getKey).findFirst()
                .orElseGet(() -> {
                    byId.put(nextId, schema);
                    return nextId++;
                });
        List<Integer> ids = versions.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!ids.contains(id)) {
            ids.add(id);
        }
        return id;
    }

    @Override
    public synchronized int lookupId(String subject, Schema schema) {
        return versions.getOrDefault(subject, List.of()).stream().filter(id -> byId.get(id).equals(schema)).findFirst()
                .orElseThrow(() -> new SchemaRegistryException("schema not registered under " + subject, 404, 40403));
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("no schema with id " + id, 404, 40403);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<Integer> ids = versions.get(subject);
        if (ids == null) {
            throw new SchemaRegistryException("no subject " + subject, 404, 40401);
        }
        int id = ids.get(ids.size() - 1);
        return new RegisteredSchema(subject, ids.size(), id, byId.get(id));
    }

    @Override
    public String describe() {
        return "in-memory test registry";
    }
}
