/**
 * Step 2 of the trainer's workflow (data, folds, training, evaluation, cli): seeded, stratified splits of the
 * {@code data} that keep a track's rows ({@link io.genrestream.trainer.folds.TrackSplits}) or a group's tracks, e.g.
 * an artist's ({@link io.genrestream.trainer.folds.GroupedFolds}), on one side.
 */
package io.genrestream.trainer.folds;
