package io.genrestream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping: nothing survives close() or a failed start. */
class LocalStackLifecycleTest {

    @Test
    void closeLeavesNoProcessAndFreesThePorts() {
        LocalStack stack = TestStacks.builder(LocalStackLifecycleTest.class).build().start();
        List<ProcessHandle> children = stack.processes();
        int brokerPort = Integer.parseInt(stack.bootstrapServers().split(":")[1]);
        int registryPort = URI.create(stack.schemaRegistryUrl()).getPort();
        assertThat(LoopbackPorts.isFree(brokerPort)).as("broker port in use while running").isFalse();

        stack.close();
        stack.close(); // idempotent

        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(TestStacks.liveDescendants()).isEmpty();
        assertThat(LoopbackPorts.isFree(brokerPort)).as("broker port %d free", brokerPort).isTrue();
        assertThat(LoopbackPorts.isFree(registryPort)).as("registry port %d free", registryPort).isTrue();
        assertThatThrownBy(stack::bootstrapServers).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already closed");
    }

    @Test
    void failedStartQuotesTheChildLogAndStopsTheOtherChild(@TempDir Path dir) throws IOException {
        Path brokenDistribution = distributionWithCorruptRunnerJar(dir.resolve("broken-registry-all.tar.gz"));
        LocalStack stack = LocalStack.builder()
                .optDataDirectory(dir.resolve("stack"))
                .optRegistryDistribution(brokenDistribution)
                .build();

        assertThatThrownBy(stack::start).isInstanceOf(LocalStackException.class)
                .hasMessageContaining("schema-registry")
                .hasMessageContaining("exited with code")
                .hasMessageContaining("registry.log")
                .hasMessageContaining("Invalid or corrupt jarfile");
        assertThat(TestStacks.liveDescendants()).as("broker stopped after the registry failed").isEmpty();
        assertThatThrownBy(stack::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingRegistryDistributionIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.tar.gz");
        System.setProperty(RegistryDistribution.PROPERTY, missing.toString());
        try {
            assertThatThrownBy(RegistryDistribution::locate).isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("not found at " + missing)
                    .hasMessageContaining("system property " + RegistryDistribution.PROPERTY);
        } finally {
            System.clearProperty(RegistryDistribution.PROPERTY);
        }
    }

    /** A tar.gz shaped like the Apicurio distribution whose runner jar is not a jar: java -jar fails at once. */
    private static Path distributionWithCorruptRunnerJar(Path archive) throws IOException {
        byte[] notAJar = "not a jar".getBytes(StandardCharsets.UTF_8);
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry entry = new TarArchiveEntry("broken-registry-runner.jar");
            entry.setSize(notAJar.length);
            tar.putArchiveEntry(entry);
            tar.write(notAJar);
            tar.closeArchiveEntry();
        }
        return archive;
    }
}
