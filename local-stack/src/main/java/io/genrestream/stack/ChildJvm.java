package io.genrestream.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs: the same Java runtime as the parent, with a bounded heap. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** The {@code java} executable of the running JVM (children need no other Java installation). */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -Xmx<heapMb>m <options...>}; the caller appends the main class or {@code -jar}. */
    static List<String> command(int heapMb, List<String> options) {
        if (heapMb < 64) {
            throw new IllegalArgumentException("Child JVM heap must be at least 64 MB, got " + heapMb);
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + heapMb + "m");
        command.add("-Djava.awt.headless=true");
        command.addAll(options);
        return command;
    }
}
