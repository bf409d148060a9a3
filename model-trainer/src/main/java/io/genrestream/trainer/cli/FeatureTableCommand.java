package io.genrestream.trainer.cli;

import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.features.TrackFeatures;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.audio.FfmpegDecoder;
import io.genrestream.trainer.data.LabelledClips;
import io.genrestream.trainer.data.SegmentDataset;
import io.genrestream.trainer.folds.GroupedFolds;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code feature-table}: the 57 whole-clip summary features of labelled audio, in the Kaggle GTZAN table format that
 * {@code cv} and {@code bundle} read, and optionally the grouped (e.g. by artist) folds of {@code seq cv} as a split
 * file, so the summary models can be cross-validated on exactly the folds the sequence models were.
 */
@Command(name = "feature-table", mixinStandardHelpOptions = true,
        description = "Writes the 57 summary features of every clip of a labelled audio set as a GTZAN-format table "
                + "(filename,length,features...,label), and the grouped folds as a split file for cv --split-file.")
public final class FeatureTableCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureTableCommand.class);

    @Mixin
    SequenceOptions.Clips data;

    @Option(names = "--out", required = true, description = "table CSV to write")
    Path out;

    @Option(names = "--split-out", description = "also write the grouped folds (track,split with fold numbers) here")
    Path splitOut;

    @Override
    public Integer call() throws Exception {
        List<LabelledClips.Clip> clips = data.clips();
        FeatureConfig config = FeatureConfig.librosaDefaults();
        FeatureExtractor extractor = FeatureExtractor.of(config);
        List<LabelledClips.Clip> kept = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(FeatureTable.FILENAME, FeatureTable.LENGTH));
        header.addAll(SummaryFeatures.COLUMNS);
        header.add(FeatureTable.LABEL);
        createParent(out);
        int skipped = 0;
        try (Writer writer = Files.newBufferedWriter(out);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                     .build());
             ProgressBar bar = new ProgressBarBuilder().setTaskName("features").setInitialMax(clips.size()).build()) {
            for (LabelledClips.Clip clip : clips) {
                bar.step();
                float[] y;
                double[] features;
                try {
                    y = SegmentDataset.decode(clip.file(), config.sampleRate());
                    features = TrackFeatures.compute(y, extractor);
                } catch (IOException | RuntimeException e) {
                    // unreadable or corrupt audio is skipped and counted (a missing ffmpeg is not the file's fault)
                    if (e instanceof FfmpegDecoder.FfmpegMissingException missing) {
                        throw missing;
                    }
                    LOG.warn("skipping {}: {}", clip.file(), e.getMessage());
                    skipped++;
                    continue;
                }
                List<Object> row = new ArrayList<>();
                row.add(clip.file().getFileName().toString());
                row.add(y.length);
                for (double v : features) {
                    row.add(String.format(Locale.ROOT, "%.9g", v));
                }
                row.add(clip.label());
                csv.printRecord(row);
                kept.add(clip);
            }
        }
        System.out.printf("%d clip(s) written to %s, %d skipped%n", kept.size(), out, skipped);
        if (splitOut != null) {
            writeSplit(kept);
        }
        return 0;
    }

    private void writeSplit(List<LabelledClips.Clip> clips) throws IOException {
        List<String> labels = clips.stream().map(LabelledClips.Clip::label).distinct().sorted().toList();
        int[] classes = clips.stream().mapToInt(c -> labels.indexOf(c.label())).toArray();
        int[] fold = GroupedFolds.assign(classes, clips.stream().map(LabelledClips.Clip::group).toList(), data.folds,
                data.splitSeed);
        createParent(splitOut);
        try (Writer writer = Files.newBufferedWriter(splitOut);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("track", "split").build())) {
            for (int i = 0; i < clips.size(); i++) {
                csv.printRecord(FeatureTable.trackOf(clips.get(i).file().getFileName().toString()), fold[i]);
            }
        }
        System.out.printf("%d grouped folds (split seed %d) written to %s%n", data.folds, data.splitSeed, splitOut);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
