package io.genrestream.testing;

import java.nio.file.Path;

import io.genrestream.stack.LocalStack;

/** Local mode: the real {@link LocalStack} (broker and Apicurio Registry in child JVMs). */
final class LocalModeStack implements RunningStack {

    /** System property: the stack's data directory (logs); default {@value #DEFAULT_DIRECTORY}. */
    static final String DIRECTORY_PROPERTY = "genre.stack.dir";
    /** Relative to the working directory, which is the module directory under Maven. */
    static final String DEFAULT_DIRECTORY = "target/genre-stack";
    /** System property: where the registry is unpacked; default shared by every module's tests. */
    static final String CACHE_PROPERTY = "genre.stack.cache";
    private static final String DEFAULT_CACHE = "genre-stream-stack-cache";

    private final LocalStack stack;
    private final StackEndpoints endpoints;

    private LocalModeStack(LocalStack stack) {
        this.stack = stack;
        this.endpoints = new StackEndpoints(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                StackEndpoints.Mode.LOCAL);
    }

    static LocalModeStack start() {
        Path directory = Path.of(System.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY));
        Path cache = Path.of(System.getProperty(CACHE_PROPERTY,
                Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_CACHE).toString()));
        return new LocalModeStack(LocalStack.builder()
                .optDataDirectory(directory)
                .optCacheDirectory(cache)
                .build()
                .start());
    }

    @Override
    public StackEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        stack.close();
    }
}
