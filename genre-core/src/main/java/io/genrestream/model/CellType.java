package io.genrestream.model;

/** Recurrent cell of a {@link RecurrentSpec}. */
public enum CellType { GRU, LSTM }
