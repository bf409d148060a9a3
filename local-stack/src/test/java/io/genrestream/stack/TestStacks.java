package io.genrestream.stack;

import java.nio.file.Path;
import java.util.List;

/** Where the tests' stacks keep their data: under target/, with one shared unpacked registry. */
final class TestStacks {

    private static final Path ROOT = Path.of("target", "stack-tests");

    private TestStacks() {
    }

    /** A builder for a stack whose data directory is named after the test class. */
    static LocalStack.Builder builder(Class<?> testClass) {
        return LocalStack.builder()
                .optDataDirectory(ROOT.resolve(testClass.getSimpleName()))
                .optCacheDirectory(ROOT.resolve("cache"));
    }

    /** Descendant processes of this JVM that are still alive (the stack's children must not outlive it). */
    static List<ProcessHandle> liveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }
}
