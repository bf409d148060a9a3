package io.genrestream.trainer.cli;

import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.model.RecurrentReadout;
import io.genrestream.trainer.data.FeatureCache;
import io.genrestream.trainer.data.LabelledClips;
import io.genrestream.trainer.data.SegmentAugmentation;
import io.genrestream.trainer.data.SegmentDataset;
import io.genrestream.trainer.evaluation.SequenceExperiment;
import io.genrestream.trainer.folds.GroupedFolds;
import io.genrestream.trainer.training.BatchRegularisation;
import io.genrestream.trainer.training.SequenceModelKind;
import io.genrestream.trainer.training.SequenceTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Options shared by the segment-model commands: {@link Model} by {@code train-bundle} and every {@code seq}
 * subcommand ({@code cv}, {@code search}, {@code ablation}, {@code distil}), {@link Data} by the {@code seq}
 * subcommands, {@link Clips} by {@code feature-table}.
 */
final class SequenceOptions {

    private SequenceOptions() {
    }

    /** Where the labelled clips are, how they are grouped, and the folds (all that {@code feature-table} needs). */
    static class Clips {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--dataset", description = "dataset CSV (file,label,<group column>; e.g. emotify.csv); "
                    + "files relative to its folder or its <label>/ subfolders")
            Path csv;

            @Option(names = "--audio", description = "audio folder <label>/<file> instead of a CSV (each file its own group)")
            Path folder;
        }

        @Option(names = "--file-column", defaultValue = "file", description = "CSV column of the file name (default ${DEFAULT-VALUE})")
        String fileColumn;

        @Option(names = "--label-column", defaultValue = "label", description = "CSV column of the label (default ${DEFAULT-VALUE})")
        String labelColumn;

        @Option(names = "--group-column", defaultValue = "artist", description = "CSV column of the split group: no group on both sides of a split (default ${DEFAULT-VALUE})")
        String groupColumn;

        @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds (default ${DEFAULT-VALUE})")
        int folds;

        @Option(names = "--split-seed", defaultValue = "42", description = "seed of the grouped folds (default ${DEFAULT-VALUE})")
        long splitSeed;

        List<LabelledClips.Clip> clips() throws IOException {
            return source.csv != null
                    ? LabelledClips.fromCsv(source.csv, fileColumn, labelColumn, groupColumn)
                    : LabelledClips.fromFolder(source.folder);
        }

        String describe() {
            return source.csv != null ? source.csv + " (groups: " + groupColumn + ")" : source.folder + " (folder)";
        }
    }

    /** The clips, and how the sequence commands cut them into segments and cache their features. */
    static final class Data extends Clips {

        @Option(names = "--cache-dir", defaultValue = "target/feature-cache", description = "feature cache per (file, segment config) (default ${DEFAULT-VALUE}); 'none' disables it")
        String cacheDir;

        @Option(names = "--segments-per-track", defaultValue = "1000", description = "segments per track at most (default ${DEFAULT-VALUE}: all)")
        int segmentsPerTrack;

        FeatureCache cache() {
            return new FeatureCache("none".equals(cacheDir) ? null : Path.of(cacheDir));
        }

        /** librosa defaults with the given segment length. */
        static FeatureConfig config(double segmentSeconds) {
            FeatureConfig d = FeatureConfig.librosaDefaults();
            return new FeatureConfig(d.sampleRate(), d.nFft(), d.hopLength(), d.nMels(), d.nMfcc(), d.topDb(),
                    segmentSeconds, d.centerPadding(), d.frameFeatures());
        }
    }

    /** Architecture and optimiser. */
    static final class Model {

        @Option(names = "--hidden", defaultValue = "32", description = "recurrent state size (default ${DEFAULT-VALUE})")
        int hidden;

        @Option(names = "--layers", defaultValue = "1", description = "recurrent layers (default ${DEFAULT-VALUE})")
        int layers;

        @Option(names = "--dropout", defaultValue = "0.2", description = "dropout (between recurrent layers; before the CNN classifier) (default ${DEFAULT-VALUE})")
        float dropout;

        @Option(names = "--readout", defaultValue = "LAST", description = "recurrent readout: ${COMPLETION-CANDIDATES} (last step, or mean over time) (default ${DEFAULT-VALUE})")
        RecurrentReadout readout;

        @Option(names = "--cnn-channels", split = ",", defaultValue = "8,16,32", description = "channels of the CNN's conv blocks (default ${DEFAULT-VALUE})")
        int[] cnnChannels;

        @Option(names = "--epochs", defaultValue = "20", description = "epochs at most (default ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--patience", defaultValue = "5", description = "early-stopping patience (default ${DEFAULT-VALUE})")
        int patience;

        @Option(names = "--batch-size", defaultValue = "32", description = "segments per batch (default ${DEFAULT-VALUE})")
        int batchSize;

        @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE})")
        float learningRate;

        @Option(names = "--weight-decay", defaultValue = "0.0001", description = "Adam weight decay (default ${DEFAULT-VALUE})")
        float weightDecay;

        @Option(names = "--seed", defaultValue = "42", description = "seed of weights, shuffling and augmentation (default ${DEFAULT-VALUE})")
        long seed;

        SequenceModelKind.Hyper hyper() {
            return new SequenceModelKind.Hyper(hidden, layers, dropout, cnnChannels, learningRate, readout);
        }

        SequenceTrainer.Settings settings(float learningRate) {
            return new SequenceTrainer.Settings(learningRate, weightDecay, batchSize, epochs, patience, seed);
        }

        void validate() {
            if (hidden < 1 || layers < 1 || epochs < 1 || batchSize < 1 || patience < 1 || !(learningRate > 0)
                    || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("need --hidden, --layers, --epochs, --batch-size, --patience >= 1,"
                        + " --learning-rate > 0 and --dropout in [0, 1)");
            }
        }
    }

    /** Training augmentation, mixup and test-time augmentation, each switchable. */
    static final class Tricks {

        @Option(names = "--augment-copies", defaultValue = "0", description = "augmented copies per training segment (noise, gain, shift); one version drawn per epoch (default ${DEFAULT-VALUE}: off)")
        int augmentCopies;

        @Option(names = "--noise-snr-db", defaultValue = "20", description = "SNR of the added white noise in dB (default ${DEFAULT-VALUE})")
        double noiseSnrDb;

        @Option(names = "--gain-db", defaultValue = "6", description = "random gain within ± this many dB (default ${DEFAULT-VALUE})")
        double gainDb;

        @Option(names = "--shift-seconds", defaultValue = "0.25", description = "random crop shift within ± this many seconds (default ${DEFAULT-VALUE})")
        double shiftSeconds;

        @Option(names = "--mixup-alpha", defaultValue = "0", description = "mixup Beta(α, α) (default ${DEFAULT-VALUE}: off; 0.2 is usual)")
        double mixupAlpha;

        @Option(names = "--input-noise", defaultValue = "0", description = "standard deviation of Gaussian noise added to the normalised frame features of every training batch (default ${DEFAULT-VALUE}: off)")
        double inputNoise;

        @Option(names = "--tta-shifts", split = ",", description = "test-time augmentation: also score crops shifted by these seconds and average (e.g. 0.5,1,1.5); plain and TTA figures are both reported")
        double[] ttaShifts;

        BatchRegularisation regularisation() {
            return new BatchRegularisation(mixupAlpha, inputNoise);
        }

        SegmentAugmentation augmentation() {
            return new SegmentAugmentation(noiseSnrDb, gainDb, shiftSeconds);
        }

        void validate() {
            if (augmentCopies < 0 || mixupAlpha < 0 || !(inputNoise >= 0)) {
                throw new IllegalArgumentException("--augment-copies, --mixup-alpha and --input-noise must be >= 0");
            }
            if (ttaShifts != null) {
                for (double s : ttaShifts) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("--tta-shifts must be positive seconds, got " + s);
                    }
                }
            }
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (augmentCopies > 0) {
                parts.add(String.format(Locale.ROOT, "augmentation x%d (SNR %.0f dB, gain ±%.0f dB, shift ±%.2f s)",
                        augmentCopies, noiseSnrDb, gainDb, shiftSeconds));
            }
            if (mixupAlpha > 0 || inputNoise > 0) {
                parts.add(regularisation().describe());
            }
            if (ttaShifts != null) {
                parts.add("TTA shifts " + java.util.Arrays.toString(ttaShifts) + " s");
            }
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }
    }

    /** Loads the segments, augmented copies and TTA crops of a cross-validation, and assigns the grouped folds. */
    static SequenceExperiment.Setup setup(Data data, Tricks tricks, double segmentSeconds, long seed)
            throws IOException {
        List<LabelledClips.Clip> clips = data.clips();
        FeatureExtractor extractor = FeatureExtractor.of(Data.config(segmentSeconds));
        FeatureCache cache = data.cache();
        String len = String.format(Locale.ROOT, "%.2g s", segmentSeconds);
        SegmentDataset segments = SegmentDataset.load(clips, extractor,
                SegmentDataset.Plan.plain(data.segmentsPerTrack), cache, "segments " + len);
        List<SegmentDataset> augmented = new ArrayList<>();
        List<SegmentDataset> shifted = new ArrayList<>();
        if (tricks != null) {
            for (int c = 0; c < tricks.augmentCopies; c++) {
                augmented.add(SegmentDataset.load(segments.clips(), extractor,
                        new SegmentDataset.Plan(data.segmentsPerTrack, 0, tricks.augmentation(), c, seed), cache,
                        "augmented copy " + (c + 1)));
            }
            if (tricks.ttaShifts != null) {
                for (double s : tricks.ttaShifts) {
                    shifted.add(SegmentDataset.load(segments.clips(), extractor,
                            new SegmentDataset.Plan(data.segmentsPerTrack, s, null, 0, 0), cache, "TTA crops +" + s
                                    + " s"));
                }
            }
        }
        int[] folds = GroupedFolds.assign(segments.trackClasses(),
                segments.clips().stream().map(LabelledClips.Clip::group).toList(), data.folds, data.splitSeed);
        return new SequenceExperiment.Setup(segments, augmented, shifted, folds, data.folds);
    }
}
