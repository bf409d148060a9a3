package io.genrestream.model;

/**
 * PyTorch's intra-op and inter-op thread counts, which DJL reads from two system properties when its PyTorch engine
 * starts (once per JVM: a later change has no effect). The trainer and the streaming app both default to one thread:
 * their models are small, and callers already run one scorer per thread, so PyTorch's own pool only makes its
 * threads wait on each other for the same cores (measured in docs/benchmarks.md for both).
 */
public final class TorchThreads {

    /** DJL system property of PyTorch's intra-op threads. */
    public static final String NUM_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    /** DJL system property of PyTorch's inter-op threads. */
    public static final String NUM_INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private TorchThreads() {
    }

    /**
     * Sets both thread counts for the engine's start.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("PyTorch threads must be at least 1, got " + threads);
        }
        System.setProperty(NUM_THREADS_PROPERTY, Integer.toString(threads));
        System.setProperty(NUM_INTEROP_THREADS_PROPERTY, Integer.toString(threads));
    }

    /**
     * Sets both thread counts unless the intra-op count was already given as a system property (a {@code -D} on the
     * command line wins over configuration).
     *
     * @return the intra-op thread count the engine will use when it starts
     * @throws IllegalArgumentException if {@code threads} is below 1 or the given property is not a number
     */
    public static int setUnlessGiven(int threads) {
        String given = System.getProperty(NUM_THREADS_PROPERTY);
        if (given != null) {
            try {
                return Integer.parseInt(given.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(NUM_THREADS_PROPERTY + " must be a whole number, got '" + given + "'",
                        e);
            }
        }
        set(threads);
        return threads;
    }
}
