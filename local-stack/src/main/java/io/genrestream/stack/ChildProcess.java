package io.genrestream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.commons.io.input.ReversedLinesFileReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process whose stdout and stderr are appended to a log file, and which is stopped with everything it
 * spawned: gracefully first, then forcibly. A JVM shutdown hook stops it if the parent exits (Ctrl-C) first.
 */
final class ChildProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    /** Lines of the log file quoted in error messages. */
    static final int LOG_TAIL_LINES = 40;
    /** Pause between readiness probes. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    /** How long to wait for processes that were killed forcibly to disappear. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /** Each child's pid is written to {@code <work dir>/<name>.pid} so a later run can stop a leftover. */
    private static final String PID_SUFFIX = ".pid";

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private final Duration stopGrace;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path logFile, Path pidFile, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.stopGrace = stopGrace;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} in {@code workDir}, appending its output to {@code logFile}.
     *
     * @param name      short name used in log lines, error messages and the pid file (e.g. "kafka-broker")
     * @param command   the command line; it must mention {@code workDir} (absolute) so a leftover is recognised
     * @param stopGrace how long {@link #stop()} waits after the graceful signal before killing
     */
    static ChildProcess start(String name, List<String> command, Path workDir, Path logFile, Duration stopGrace) {
        try {
            Files.createDirectories(workDir);
            Path pidFile = workDir.resolve(name + PID_SUFFIX);
            stopLeftover(name, pidFile, workDir);
            Files.writeString(logFile, "", StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            process.getOutputStream().close(); // children read nothing: give them end-of-input
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
            LOG.debug("Started {} (pid {}): {}", name, process.pid(), command);
            return new ChildProcess(name, process, logFile, pidFile, stopGrace);
        } catch (IOException e) {
            throw new LocalStackException("Could not start " + name + " (" + String.join(" ", command) + "): " + e, e);
        }
    }

    /**
     * Stops the process a previous run left behind (its parent JVM was killed without running shutdown hooks):
     * the pid file names it, and its command line must mention the same work directory.
     */
    private static void stopLeftover(String name, Path pidFile, Path workDir) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile, StandardCharsets.UTF_8).trim();
        Files.delete(pidFile);
        Optional<ProcessHandle> leftover;
        try {
            leftover = ProcessHandle.of(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            return;
        }
        String directory = workDir.toString();
        leftover.filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().filter(c -> c.contains(directory)).isPresent())
                .ifPresent(handle -> {
                    LOG.warn("Stopping {} (pid {}) left behind by an earlier run", name, handle.pid());
                    List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
                    all.add(handle);
                    all.forEach(ProcessHandle::destroyForcibly);
                    all.forEach(h -> awaitExit(h, KILL_WAIT));
                });
    }

    /** Runs the process to completion (for one-shot tools); fails with the log tail on a non-zero exit. */
    void awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw failure("did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for " + name, e);
        }
        removeShutdownHook();
        if (process.exitValue() != 0) {
            throw failure("exited with code " + process.exitValue());
        }
    }

    /**
     * Polls {@code ready} until it returns true. Fails fast, with the log tail, if the process exits or the
     * timeout passes.
     */
    void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before it was ready");
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw failure("was not ready within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(PROBE_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("Interrupted while waiting for " + name, e);
            }
        }
    }

    /** An exception naming the child and the problem, with the end of its log file. */
    LocalStackException failure(String problem) {
        return new LocalStackException(name + " (pid " + process.pid() + ") " + problem + "; last lines of "
                + logFile + ":\n" + logTail(LOG_TAIL_LINES));
    }

    /** The last {@code lines} lines of the log file (empty if it cannot be read). */
    String logTail(int lines) {
        try (ReversedLinesFileReader reader = ReversedLinesFileReader.builder()
                .setPath(logFile).setCharset(StandardCharsets.UTF_8).get()) {
            return reader.toString(lines).stripTrailing();
        } catch (IOException e) {
            return "(log not readable: " + e + ")";
        }
    }

    /** The child's process handle. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Stops the process and its descendants: a graceful signal (SIGTERM), up to the grace period to exit, then
     * a forcible kill of whatever is left. Safe to call more than once.
     */
    void stop() {
        // Stopping must finish even on an interrupted thread (a parallel start that was abandoned).
        boolean interrupted = Thread.interrupted();
        try {
            stopAndWait();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopAndWait() {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            LOG.debug("Stopping {} (pid {})", name, process.pid());
            process.destroy();
            descendants.forEach(ProcessHandle::destroy);
            awaitExit(process.toHandle(), stopGrace);
        }
        List<ProcessHandle> all = new ArrayList<>(descendants);
        all.add(process.toHandle());
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                LOG.warn("{}: pid {} still alive after {} s, killing it", name, handle.pid(), stopGrace.toSeconds());
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : all) {
            if (!awaitExit(handle, KILL_WAIT)) {
                LOG.error("{}: pid {} survived a forcible kill", name, handle.pid());
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", pidFile, e.toString());
        }
        removeShutdownHook();
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("Waiting for pid " + handle.pid() + " failed", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The JVM is exiting; the hook runs (or ran) stop() itself.
        }
    }

    @Override
    public void close() {
        stop();
    }
}
