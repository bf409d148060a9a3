package io.genrestream.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class data sharing archive of {@code bin/genre-stream app} (launcher/src/dist/bin/genre-stream), with the real
 * script and the real JVM over a stand-in {@code lib/}: one jar whose {@code io.genrestream.cli.GenreStreamCommand}
 * prints the JVM's options. A first run writes the archive at exit, the next checks it and uses it; an unfinished
 * archive is refused, never mapped (the JVM would crash on it); a changed {@code lib/} gets a fresh archive.
 */
class LauncherCdsArchiveTest {

    private static final Path SCRIPT = Path.of("src", "dist", "bin", "genre-stream");
    private static final String STUB = """
            package io.genrestream.cli;
            public final class GenreStreamCommand {
                public static void main(String[] args) {
                    System.out.println("jvm options " + java.lang.management.ManagementFactory.getRuntimeMXBean()
                            .getInputArguments());
                }
            }
            """;

    @TempDir
    Path dist;
    private Path cds;
    private Path jar;

    @BeforeEach
    void distribution() throws IOException {
        Files.createDirectories(dist.resolve("bin"));
        Files.copy(SCRIPT, dist.resolve("bin").resolve("genre-stream"));
        Path source = dist.resolve("src").resolve("io/genrestream/cli/GenreStreamCommand.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, STUB);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", dist.resolve("classes").toString(), source.toString()))
                .isZero();
        jar = dist.resolve("lib").resolve("stub.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("io/genrestream/cli/GenreStreamCommand.class"));
            Files.copy(dist.resolve("classes").resolve("io/genrestream/cli/GenreStreamCommand.class"), out);
        }
        cds = dist.resolve("cds");
    }

    /** Runs the script; returns its output (standard output and error), after checking it exited 0. */
    private String run(Map<String, String> env, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", dist.resolve("bin").resolve("genre-stream").toString(),
                command).redirectErrorStream(true);
        builder.environment().put("GENRE_CDS_DIR", cds.toString());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private String app() throws IOException, InterruptedException {
        return run(Map.of(), "app");
    }

    private List<String> archives() throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFirstRunWritesTheArchiveAtExitAndTheNextRunsMapIt() throws Exception {
        assertThat(app()).contains("-XX:ArchiveClassesAtExit=");
        assertThat(archives()).singleElement().asString().matches("app-\\d+\\.\\d+\\.jsa\\.part");

        assertThat(app()).contains("-XX:SharedArchiveFile=" + cds.resolve(archives().get(0)));
        assertThat(archives()).singleElement().asString().matches("app-\\d+\\.jsa");
        assertThat(app()).contains("-XX:SharedArchiveFile=").doesNotContain("ArchiveClassesAtExit");
    }

    @Test
    void anUnfinishedArchiveIsRefusedAndWrittenAgain() throws Exception {
        app();
        Path part = cds.resolve(archives().get(0));
        part.toFile().setWritable(true);
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.WRITE)) {
            file.truncate(file.size() / 2);
        }

        String second = app();

        assertThat(second).contains("refused class data sharing archive").contains("-XX:ArchiveClassesAtExit=")
                .doesNotContain("SharedArchiveFile");
        assertThat(archives()).singleElement().asString().matches("app-\\d+\\.\\d+\\.jsa\\.part")
                .isNotEqualTo(part.getFileName().toString());
    }

    @Test
    void aChangedLibGetsAFreshArchiveAndTheStaleOneGoes() throws Exception {
        app();
        app();
        String stale = archives().get(0);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        assertThat(app()).contains("-XX:ArchiveClassesAtExit=").doesNotContain("SharedArchiveFile");
        assertThat(archives()).singleElement().asString().doesNotStartWith(stale.replace(".jsa", "."));
    }

    @Test
    void otherCommandsAndGenreCdsOffRunWithoutAnArchive() throws Exception {
        assertThat(run(Map.of(), "produce")).doesNotContain("Archive");
        assertThat(run(Map.of("GENRE_CDS", "off"), "app")).doesNotContain("Archive");
        assertThat(archives()).isEmpty();
    }
}
