/**
 * Step 1 of the trainer's workflow (data, folds, training, evaluation, cli): the labelled inputs, read or extracted
 * for training. Feature tables in the Kaggle GTZAN format, labelled audio clips decoded (ffmpeg) and cut into cached
 * segment features, segment augmentation, and a teacher bundle's log-probabilities as extra columns.
 */
package io.genrestream.trainer.data;
