package io.genrestream.app.bench;

import io.genrestream.stack.LocalStack;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * CPU time consumed so far, in nanoseconds, by the harnesses' three parts: threads of this JVM chosen by name, this
 * whole JVM, and the broker/registry child JVMs. A thread that has ended no longer counts, so callers take their
 * readings while the threads they measure still run.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Summed CPU time of this JVM's live threads whose name {@code name} accepts. */
    static long threadsNamed(Predicate<String> name) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0 && name.test(info.getThreadName())) {
                total += cpu;
            }
        }
        return total;
    }

    /** This JVM's CPU time. */
    static long jvm() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The broker's and the registry's CPU time. */
    static long stack(LocalStack stack) {
        return stack.processes().stream()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }
}
