package io.genrestream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SharedDataTest {

    @Test
    void existingPathIsReturned(@TempDir Path root) throws IOException {
        Path file = Files.createDirectories(root.resolve("gtzan")).resolve("features_30_sec.csv");
        Files.writeString(file, "filename,label\n");

        assertThat(SharedData.require(root, "gtzan/features_30_sec.csv")).isEqualTo(file);
    }

    @Test
    void absentPathAbortsTheTestNamingIt(@TempDir Path root) {
        assertThatThrownBy(() -> SharedData.require(root, "gtzan/missing.csv"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("absent: " + root.resolve("gtzan/missing.csv"))
                .hasMessageContaining("a fresh clone has no ../shared");
    }

    @Test
    void pathsLeavingTheDataDirectoryAreRejected(@TempDir Path root) {
        assertThatThrownBy(() -> SharedData.require(root, "../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../etc/passwd");
    }

    @Test
    void projectRootIsTheTopmostDirectoryWithAPom(@TempDir Path dir) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path module = Files.createDirectories(project.resolve("module"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.writeString(module.resolve("pom.xml"), "<project/>");

        assertThat(SharedData.projectRoot(module)).isEqualTo(project);
    }

    @Test
    void buildPointsThePropertyAtTheSharedData() {
        assertThat(SharedData.root()).isEqualTo(Path.of(System.getProperty(SharedData.PROPERTY)).toAbsolutePath()
                .normalize());
    }
}
