package io.genrestream.vote;

/** Which rule decided a verdict among genres with the same number of votes. */
public enum TieBreak {
    /** One genre had the most votes. */
    NONE,
    /** Tied on votes; the larger summed GRU softmax over the segments decided. */
    GRU_SOFTMAX,
    /** Tied on votes and GRU sums; the larger class prior (training-data frequency) decided. */
    PRIOR,
    /** Tied on everything above; the genre listed first in the bundle's labels won (deterministic last resort). */
    LABEL_ORDER
}
