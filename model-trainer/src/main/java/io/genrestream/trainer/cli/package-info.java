/**
 * Step 5 of the trainer's workflow (data, folds, training, evaluation, cli): the picocli subcommands of
 * {@link io.genrestream.trainer.GenreTrainer} ({@code train-bundle}, {@code seq cv}, {@code cv}, ...),
 * each wiring the earlier steps together and writing reports or a model bundle, and their shared options.
 */
package io.genrestream.trainer.cli;
