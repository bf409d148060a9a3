/**
 * Step 3 of the trainer's workflow (data, folds, training, evaluation, cli): trains the models on one fold's
 * training side. The summary MLP, the recurrent and CNN segment models with their shared epoch loop and batch
 * regularisation, the Tribuo baselines and the ensembles, all behind the per-fold {@code FoldClassifier} contract.
 */
package io.genrestream.trainer.training;
