package io.genrestream.model;

/** How a recurrent segment model turns its output sequence into one vector for the classifier. */
public enum RecurrentReadout {
    /** The last time step (both directions' ends when bidirectional); bundles written before the readout existed. */
    LAST,
    /** The mean over all time steps of the output sequence. */
    MEAN
}
