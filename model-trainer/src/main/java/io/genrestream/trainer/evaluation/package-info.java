/**
 * Step 4 of the trainer's workflow (data, folds, training, evaluation, cli): runs the trained models over the folds
 * (cross-validation of the summary models and of the segment models) and scores them, with the metrics and the
 * reports (JSON, Markdown, PNG plots) they are written to.
 */
package io.genrestream.trainer.evaluation;
