package io.genrestream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Stopping children with everything they spawned, with shell processes standing in for the JVMs. */
@EnabledOnOs(OS.LINUX)
class ChildProcessTest {

    private static final Duration GRACE = Duration.ofSeconds(1);

    /** {@code sh -c <script> <dir>}: the directory ends up in the command line, as in the stack's JVMs. */
    private static List<String> shell(String script, Path dir) {
        return List.of("/bin/sh", "-c", script, dir.toString());
    }

    @Test
    void childIgnoringTheGracefulSignalIsKilledWithItsDescendants(@TempDir Path dir) throws Exception {
        ChildProcess child = ChildProcess.start("stubborn", shell("trap '' TERM; sleep 60; true", dir), dir,
                dir.resolve("stubborn.log"), GRACE);
        List<ProcessHandle> tree = processTree(child.handle(), 1);

        child.stop();

        assertThat(tree).hasSize(2).noneMatch(ProcessHandle::isAlive);
        assertThat(dir.resolve("stubborn.pid")).doesNotExist();
    }

    @Test
    void leftoverOfAKilledParentIsStoppedByTheNextStart(@TempDir Path dir) throws Exception {
        List<String> command = shell("sleep 60; true", dir);
        ChildProcess first = ChildProcess.start("sleeper", command, dir, dir.resolve("sleeper.log"), GRACE);
        // As if this JVM had been killed: the first child is never stopped, its pid file stays.
        List<ProcessHandle> leftover = processTree(first.handle(), 1);

        ChildProcess second = ChildProcess.start("sleeper", command, dir, dir.resolve("sleeper.log"), GRACE);
        // stop() kills the descendants it sees: let the shell fork its sleep first
        List<ProcessHandle> secondTree = processTree(second.handle(), 1);
        try {
            assertThat(leftover).noneMatch(ProcessHandle::isAlive);
            assertThat(secondTree).hasSize(2).allMatch(ProcessHandle::isAlive);
        } finally {
            second.stop();
            first.stop();
        }
    }

    @Test
    void failureQuotesTheEndOfTheLog(@TempDir Path dir) {
        ChildProcess child = ChildProcess.start("talker", shell("for i in 1 2 3 4 5; do echo line $i; done", dir), dir,
                dir.resolve("talker.log"), GRACE);
        child.awaitSuccess(Duration.ofSeconds(10));

        assertThat(child.failure("broke").getMessage())
                .startsWith("talker (pid " + child.handle().pid() + ") broke; last lines of " + dir.resolve("talker.log"))
                .endsWith("line 1\nline 2\nline 3\nline 4\nline 5");
    }

    /** The process and its descendants, once {@code descendants} of them have appeared. */
    private static List<ProcessHandle> processTree(ProcessHandle root, int descendants) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (root.descendants().count() < descendants && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        return tree;
    }
}
