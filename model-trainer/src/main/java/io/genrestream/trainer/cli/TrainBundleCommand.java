package io.genrestream.trainer.cli;

import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.BundledModel;
import io.genrestream.model.ModelArchitecture;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.model.RecurrentSpec;
import io.genrestream.trainer.data.FeatureCache;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.data.LabelledClips;
import io.genrestream.trainer.data.RecordingAugmentation;
import io.genrestream.trainer.data.SegmentDataset;
import io.genrestream.trainer.data.Taxonomy;
import io.genrestream.trainer.evaluation.BundleEvaluation;
import io.genrestream.trainer.evaluation.TemperatureScaling;
import io.genrestream.trainer.folds.GroupedFolds;
import io.genrestream.trainer.training.BatchRegularisation;
import io.genrestream.trainer.training.MlpSettings;
import io.genrestream.trainer.training.MlpTrainer;
import io.genrestream.trainer.training.NoveltyFit;
import io.genrestream.trainer.training.SequenceModelKind;
import io.genrestream.trainer.training.SequenceTrainer;
import io.genrestream.vote.NoveltyCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train-bundle}: the served bundle from labelled audio of every source. Both models learn from labels: the GRU
 * on every 3 s segment's frame matrix, the summary MLP on the summary features the app computes over its rolling
 * window (3 s up to 30 s) plus the rows of a GTZAN-style feature table. Partial labels ({@code pop_rock}) train with
 * {@link io.genrestream.trainer.training.PartialLabelLoss}. Grouped cross-validation (whole artists or tracks per
 * fold) gives out-of-fold predictions, on which the temperatures, the ensemble weights and the {@code unknown}
 * threshold are chosen; the report gives per-source figures through the app's own vote code. The final models are
 * then trained on everything and written with that calibration.
 */
@Command(name = "train-bundle", mixinStandardHelpOptions = true,
        description = "Trains the GRU and the summary MLP on labelled audio of every source (plus a GTZAN-style "
                + "table), calibrates them on grouped out-of-fold predictions, reports per source and writes the "
                + "bundle the app serves.")
public final class TrainBundleCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "[SOURCE=]PATH",
            description = "labelled audio: a CSV (file,label, group or artist, optional source) or a <label>/<file> "
                    + "folder (GTZAN's layout; files in the folder itself are labelled by their name up to the "
                    + "first dot); repeat for every source")
    List<String> data;

    @Option(names = "--table", paramLabel = "[SOURCE=]CSV",
            description = "GTZAN-style feature table for the summary model; a row shares the fold of the audio "
                    + "track of the same name and source")
    String table;

    @Option(names = "--labels", split = ",",
            defaultValue = "blues,classical,country,disco,electronic,hiphop,jazz,metal,pop,reggae,rock",
            description = "the bundle's labels (default ${DEFAULT-VALUE})")
    List<String> labels;

    @Option(names = "--alias", defaultValue = "pop_rock=pop,rock,metal",
            description = "a dataset label standing for a set of labels, name=a,b,c; repeatable "
                    + "(default ${DEFAULT-VALUE})")
    List<String> aliases;

    @Option(names = "--folds", defaultValue = "5", description = "grouped cross-validation folds (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--split-seed", defaultValue = "42", description = "seed of the grouped folds (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Mixin
    SequenceOptions.Model gru;

    @Option(names = "--gru-members", defaultValue = "1",
            description = "GRUs trained apart with seeds seed, seed + 1, … and served as one model that averages their "
                    + "probabilities (a seed ensemble; default ${DEFAULT-VALUE})")
    int gruMembers;

    @Option(names = "--mlp-epochs", defaultValue = "40", description = "summary MLP epochs (default ${DEFAULT-VALUE})")
    int mlpEpochs;

    @Option(names = "--mlp-mixup-alpha", defaultValue = "0",
            description = "mixup of the summary MLPs' training rows: each batch blended with a shuffled copy of itself, "
                    + "λ ~ Beta(α, α), the loss weighing both rows' labels (or label sets) by λ and 1 - λ (0: off; "
                    + "default ${DEFAULT-VALUE})")
    double mlpMixupAlpha;

    @Option(names = "--mlp-members", defaultValue = "1",
            description = "summary MLPs trained apart with seeds seed, seed + 1, … and served as one model that "
                    + "averages their probabilities (a seed ensemble; default ${DEFAULT-VALUE})")
    int mlpMembers;

    @Option(names = "--mlp-gtzan-members", defaultValue = "0",
            description = "with --summary-columns extended or all, summary MLPs more that read only GTZAN's 57 columns, "
                    + "the ones the feature table's rows hold, averaged with the others (default ${DEFAULT-VALUE})")
    int mlpGtzanMembers;

    @Option(names = "--target-accuracy", defaultValue = "0.85",
            description = "the unknown threshold is the lowest confidence at which the answered held-out tracks "
                    + "reach this accuracy, answering at least --min-coverage of them (default ${DEFAULT-VALUE})")
    double targetAccuracy;

    @Option(names = "--min-coverage", defaultValue = "0.7",
            description = "share of held-out tracks the threshold must still answer; when none that does reaches "
                    + "--target-accuracy, the most accurate one (default ${DEFAULT-VALUE})")
    double minCoverage;

    @Option(names = "--compare", description = "another bundle (e.g. the previous default) scored on the same clips")
    Path compare;

    @Option(names = "--table-weight", defaultValue = "1",
            description = "times each feature-table row counts in the summary model's training set, so whole-track "
                    + "rows keep their weight beside the many segment rows (default ${DEFAULT-VALUE})")
    int tableWeight;

    @Option(names = "--recording-copies", defaultValue = "0",
            description = "extra training copies of every clip through another recording chain (EQ shelves, gain, "
                    + "band limit, MP3/AAC round trip; see RecordingAugmentation); never scored (default "
                    + "${DEFAULT-VALUE}: none)")
    int recordingCopies;

    @Option(names = "--augment-dir", defaultValue = "target/augmented-audio",
            description = "where the re-recorded copies are rendered, once (default ${DEFAULT-VALUE})")
    Path augmentDir;

    @Option(names = "--novelty-quantile", defaultValue = "0.99",
            description = "a track is unknown when its segments' mean distance to the training data exceeds this "
                    + "quantile of held-out training tracks' mean distances (NoveltyCheck; default ${DEFAULT-VALUE})")
    double noveltyQuantile;

    @Option(names = "--summary-columns", defaultValue = "gtzan",
            description = "the summary model's input: gtzan (the feature table's 57 columns), extended (those and "
                    + "spectral contrast per octave band, rhythm periodicity, band shares and loudness, chroma "
                    + "tonality) or all (extended and the modulation spectrum per band group); table rows get the "
                    + "audio rows' means in the columns beyond GTZAN's (default ${DEFAULT-VALUE})")
    SummaryColumns summaryColumns;

    @Option(names = "--novelty-columns",
            description = "the summary columns the novelty check measures, the leading ones of --summary-columns: "
                    + "gtzan (57, the ones the feature table's rows really hold, so its distribution is not that of "
                    + "filled-in means), extended or all (default: those of --summary-columns)")
    SummaryColumns noveltyColumns;

    /** Choices of {@code --summary-columns} and {@code --novelty-columns}, each the leading columns of the next. */
    enum SummaryColumns {
        gtzan(SummaryFeatures.COLUMNS), extended(SummaryFeatures.EXTENDED_COLUMNS), all(SummaryFeatures.ALL_COLUMNS);

        final List<String> columns;

        SummaryColumns(List<String> columns) {
            this.columns = columns;
        }

        /** The choices whose columns begin with these: this one and the wider ones. */
        List<SummaryColumns> beginningWithThese() {
            return java.util.Arrays.stream(values()).filter(c -> c.ordinal() >= ordinal()).toList();
        }
    }

    @Option(names = "--cache-dir", defaultValue = "target/feature-cache",
            description = "feature cache (default ${DEFAULT-VALUE}); 'none' disables it")
    String cacheDir;

    @Option(names = "--report", required = true, description = "report directory (report.md, report.json, PNG plots)")
    Path report;

    @Option(names = "--out", description = "bundle directory to write; without it only the cross-validation runs")
    Path out;

    @Override
    public Integer call() throws Exception {
        gru.validate();
        if (!(targetAccuracy > 0 && targetAccuracy <= 1) || !(minCoverage > 0 && minCoverage <= 1) || mlpEpochs < 1
                || mlpMembers < 1 || gruMembers < 1 || mlpGtzanMembers < 0 || recordingCopies < 0 || tableWeight < 1
                || !(noveltyQuantile > 0 && noveltyQuantile <= 1) || !(mlpMixupAlpha >= 0)) {
            throw new IllegalArgumentException("need --target-accuracy, --min-coverage and --novelty-quantile in "
                    + "(0, 1], --mlp-epochs >= 1, --mlp-members and --gru-members >= 1, --mlp-gtzan-members >= 0, "
                    + "--recording-copies >= 0, --table-weight >= 1, --mlp-mixup-alpha >= 0");
        }
        if (mlpGtzanMembers > 0 && summaryColumns == SummaryColumns.gtzan) {
            throw new IllegalArgumentException("--mlp-gtzan-members needs --summary-columns extended or all: with "
                    + "GTZAN's columns alone every MLP reads them all");
        }
        if (noveltyColumns != null && !noveltyColumns.beginningWithThese().contains(summaryColumns)) {
            throw new IllegalArgumentException("--novelty-columns " + noveltyColumns + " needs --summary-columns "
                    + noveltyColumns.beginningWithThese().stream().map(Enum::name)
                    .collect(java.util.stream.Collectors.joining(" or ")));
        }
        int noveltyWidth = (noveltyColumns == null ? summaryColumns : noveltyColumns).columns.size();
        Taxonomy taxonomy = Taxonomy.parse(labels, aliases);
        List<LabelledClips.Clip> clips = new ArrayList<>();
        for (String spec : data) {
            clips.addAll(LabelledClips.read(spec));
        }
        // every label checked before hours of extraction and training
        taxonomy.checkAll(clips.stream().map(LabelledClips.Clip::label).toList());
        Rows gtzanRows = table == null ? Rows.EMPTY : Rows.read(table, taxonomy);

        FeatureConfig config = FeatureConfig.librosaDefaults();
        FeatureExtractor extractor = FeatureExtractor.builder().setConfig(config)
                .optSummaryColumns(summaryColumns.columns).build();
        FeatureCache cache = new FeatureCache("none".equals(cacheDir) ? null : Path.of(cacheDir));
        SegmentDataset d = SegmentDataset.load(clips, extractor, SegmentDataset.Plan.plain(1000), cache, "segments");
        Rows tableRows = gtzanRows.completed(summaryColumns.columns, d.summaryRows());
        int classes = taxonomy.labels().size();
        float[][] clipTargets = d.clips().stream().map(c -> taxonomy.targetOf(c.label())).toArray(float[][]::new);
        float[][] segmentTargets = IntStream.of(d.segmentTrack()).mapToObj(t -> clipTargets[t]).toArray(float[][]::new);
        Copies copies = Copies.of(d, clipTargets, recordingCopies, new RecordingAugmentation(6, 6, gru.seed),
                augmentDir, extractor, cache);

        // units: every clip, then every table row; a table row and the clip of the same track share a group
        List<String> unitGroups = new ArrayList<>(d.clips().stream().map(LabelledClips.Clip::group).toList());
        unitGroups.addAll(tableRows.groups());
        int[] unitClass = IntStream.concat(d.clips().stream().mapToInt(c -> taxonomy.classesOf(c.label())[0]),
                IntStream.of(tableRows.classes())).toArray();
        int[] fold = GroupedFolds.assign(unitClass, unitGroups, folds, splitSeed);
        int clipCount = d.clips().size();

        float[][] gruOof = new float[d.segmentTrack().length][];
        float[][] summaryOof = new float[d.segmentTrack().length][];
        float[][] tableOof = new float[tableRows.size()][];
        double[] noveltyOof = new double[d.segmentTrack().length];
        for (int f = 0; f < folds; f++) {
            int ff = f;
            int[] trainSeg = IntStream.range(0, gruOof.length).filter(s -> fold[d.segmentTrack()[s]] != ff).toArray();
            int[] testSeg = IntStream.range(0, gruOof.length).filter(s -> fold[d.segmentTrack()[s]] == ff).toArray();
            int[] trainTable = IntStream.range(0, tableRows.size()).filter(r -> fold[clipCount + r] != ff).toArray();
            int[] testTable = IntStream.range(0, tableRows.size()).filter(r -> fold[clipCount + r] == ff).toArray();
            int[] trainCopies = copies.segmentsOf(t -> fold[t] != ff);
            NoveltyCheck foldNovelty = NoveltyFit.fit(noveltyRows(d, trainSeg, copies, trainCopies, tableRows,
                    trainTable), noveltyWidth, NoveltyFit.SHRINKAGE, 1);
            for (int s : testSeg) {
                noveltyOof[s] = foldNovelty.distance(d.summaryRows()[s]);
            }
            try (Trained models = train(d, segmentTargets, trainSeg, copies, trainCopies, tableRows, trainTable,
                    classes, "fold " + (f + 1) + "/" + folds)) {
                float[][] g = models.gru().scoreSegments(d.inputs(testSeg, false), 64);
                float[][] s = models.summary().scoreRows(pick(d.summaryRows(), testSeg));
                for (int i = 0; i < testSeg.length; i++) {
                    gruOof[testSeg[i]] = g[i];
                    summaryOof[testSeg[i]] = s[i];
                }
                float[][] t = testTable.length == 0 ? new float[0][] : models.summary().scoreRows(
                        pick(tableRows.features(), testTable));
                for (int i = 0; i < testTable.length; i++) {
                    tableOof[testTable[i]] = t[i];
                }
            }
        }

        double gruTemperature = TemperatureScaling.fit(gruOof, segmentTargets);
        double summaryTemperature = TemperatureScaling.fit(concat(summaryOof, tableOof),
                concat(segmentTargets, tableRows.targets()));
        double[] clipMeans = NoveltyFit.trackMeans(noveltyOof, d.segmentTrack(), clipCount);
        NoveltyCheck novelty = NoveltyFit.fit(noveltyRows(d, IntStream.range(0, noveltyOof.length).toArray(), copies,
                copies.segmentsOf(t -> true), tableRows, IntStream.range(0, tableRows.size()).toArray()),
                noveltyWidth, NoveltyFit.SHRINKAGE, NoveltyFit.quantile(clipMeans, noveltyQuantile));
        BundleEvaluation.Outcome outcome = BundleEvaluation.builder()
                .setTaxonomy(taxonomy)
                .setDataset(d)
                .setFolds(java.util.Arrays.copyOf(fold, clipCount))
                .setOutOfFold(gruOof, summaryOof)
                .setTemperatures(gruTemperature, summaryTemperature)
                .setSelection(targetAccuracy, minCoverage)
                .optTable(tableRows.labels(), tableOof)
                .optCompare(compare)
                .optNovelty(noveltyOof, novelty)
                .build()
                .run(report, describe(d, tableRows));
        System.out.print(outcome.summary());

        if (out != null) {
            writeBundle(d, segmentTargets, copies, tableRows, taxonomy, config, outcome, novelty);
        }
        return 0;
    }

    private void writeBundle(SegmentDataset d, float[][] segmentTargets, Copies copies, Rows tableRows,
                             Taxonomy taxonomy, FeatureConfig config, BundleEvaluation.Outcome outcome,
                             NoveltyCheck novelty) throws IOException {
        int classes = taxonomy.labels().size();
        int[] allSeg = IntStream.range(0, segmentTargets.length).toArray();
        int[] allTable = IntStream.range(0, tableRows.size()).toArray();
        try (Trained models = train(d, segmentTargets, allSeg, copies, copies.segmentsOf(t -> true), tableRows,
                allTable, classes, "final")) {
            RecurrentSpec spec = SequenceModelKind.GRU.recurrentSpec(gru.hyper(), config.framesPerSegment(),
                    config.frameFeatureCount(), classes).withMembers(gruMembers);
            ModelArchitecture gruArch = ModelArchitecture.of(spec);
            ModelArchitecture mlpArch = ModelArchitecture.of(models.mlp().spec());
            double[] priors = priors(d, tableRows, taxonomy);
            Map<String, Object> trainingData = new LinkedHashMap<>();
            trainingData.put("audio", data);
            trainingData.put("table", table == null ? "none" : table);
            trainingData.put("tracks", d.clips().size());
            trainingData.put("segments", segmentTargets.length);
            trainingData.put("recordingCopies", recordingCopies);
            trainingData.put("tableWeight", tableWeight);
            trainingData.put("mlpMixupAlpha", mlpMixupAlpha);
            trainingData.put("tableRows", tableRows.size());
            trainingData.put("skippedFiles", d.skipped());
            trainingData.put("note", "research audio (GTZAN, Emotify, AllMusic previews): the bundle ships weights only");
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, taxonomy.labels(), config,
                    summaryColumns.columns,
                    new BundledModel(gruArch.fileName(ModelRole.GRU), gruArch, models.gruResult().normalization()),
                    new BundledModel(mlpArch.fileName(ModelRole.SUMMARY), mlpArch, models.mlp().normalization()),
                    priors, outcome.weights(), outcome.calibration(), outcome.metrics(), trainingData, novelty);
            String version = ModelBundle.write(out, manifest, Map.of(ModelRole.GRU, models.gruResult().model(),
                    ModelRole.SUMMARY, models.mlp().model()), Map.of(), outcome.modelCard(manifest, describe(d,
                    tableRows), String.format(Locale.ROOT, "GRU %s, %d epochs, %d seed(s) averaged; summary MLP %s, %d "
                            + "epochs, %d seed(s) averaged, %d more on GTZAN's %d columns alone, batch regularisation "
                            + "%s; table rows weighted %d; %d re-recorded copies of every clip; Adam, seed %d",
                    gru.hyper().describe(SequenceModelKind.GRU), gru.epochs, gruMembers,
                    models.mlp().spec().hidden(), mlpEpochs, mlpMembers, mlpGtzanMembers,
                    SummaryFeatures.COLUMNS.size(), mlpRegularisation().describe(),
                    tableWeight, recordingCopies, gru.seed)));
            System.out.printf(Locale.ROOT, "bundle %s written, version %s%n", out, version);
        }
    }

    /** What every summary MLP's training batches get: mixup at {@code --mlp-mixup-alpha}. */
    private BatchRegularisation mlpRegularisation() {
        return new BatchRegularisation(mlpMixupAlpha, 0);
    }

    /** The summary rows a novelty check is fitted on: the segments', their re-recorded copies' and table rows. */
    private static float[][] noveltyRows(SegmentDataset d, int[] segments, Copies copies, int[] copySegments,
                                         Rows tableRows, int[] tableIndices) {
        return concat(concat(pick(d.summaryRows(), segments), copies.summaryRows(copySegments)),
                pick(tableRows.features(), tableIndices));
    }

    /** Both models trained on the given segments, their re-recorded copies and table rows. */
    private Trained train(SegmentDataset d, float[][] segmentTargets, int[] segments, Copies copies,
                          int[] copySegments, Rows tableRows, int[] tableIndices, int classes, String task) {
        float[][][] inputs = concat(d.inputs(segments, false), copies.inputs(copySegments));
        float[][] targets = concat(pick(segmentTargets, segments), pick(copies.targets(), copySegments));
        int[] weightedTable = IntStream.range(0, tableWeight).flatMap(k -> IntStream.of(tableIndices)).toArray();
        float[][] summaryRows = concat(concat(pick(d.summaryRows(), segments),
                copies.summaryRows(copySegments)), pick(tableRows.features(), weightedTable));
        SequenceTrainer.Data gruData = new SequenceTrainer.Data(new float[][][][] {inputs}, targets, null, null,
                BatchRegularisation.NONE, true);
        SequenceTrainer.Result g;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task + " GRU")
                .setInitialMax((long) gru.epochs * gruMembers).build()) {
            g = SequenceTrainer.fit(SequenceModelKind.GRU, gru.hyper(), gruData, classes,
                    gru.settings(gru.learningRate), gruMembers, e -> bar.step());
        }
        MlpTrainer.Result m;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task + " MLP")
                .setInitialMax((long) mlpEpochs * (mlpMembers + mlpGtzanMembers)).build()) {
            m = MlpTrainer.fit(summaryColumns.columns, summaryRows,
                    concat(targets, pick(tableRows.targets(), weightedTable)), null, null, true,
                    MlpSettings.DEFAULTS.withMaxEpochs(mlpEpochs).withSeed(gru.seed)
                            .withRegularisation(mlpRegularisation()),
                    new MlpTrainer.Ensemble(mlpMembers, mlpGtzanMembers == 0 ? 0 : SummaryFeatures.COLUMNS.size(),
                            mlpGtzanMembers), e -> bar.step());
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return new Trained(g, m, BatchScorer.forModel(ModelRole.GRU, g.model(), g.normalization(), classes),
                BatchScorer.forModel(ModelRole.SUMMARY, m.model(), m.normalization(), classes));
    }

    /**
     * Re-recorded training copies of the clips ({@code --recording-copies}).
     *
     * @param data    their segments
     * @param origin  each copy segment's clip in the plain dataset (whose fold it shares)
     * @param targets each copy segment's target
     */
    private record Copies(SegmentDataset data, int[] origin, float[][] targets) {

        static Copies of(SegmentDataset d, float[][] clipTargets, int count, RecordingAugmentation augmentation,
                         Path directory, FeatureExtractor extractor, FeatureCache cache) throws IOException {
            if (count == 0) {
                return new Copies(null, new int[0], new float[0][]);
            }
            List<LabelledClips.Clip> rendered = new ArrayList<>();
            Map<Path, Integer> originOf = new java.util.HashMap<>();
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("re-recording")
                    .setInitialMax((long) count * d.clips().size()).build()) {
                for (int t = 0; t < d.clips().size(); t++) {
                    LabelledClips.Clip clip = d.clips().get(t);
                    for (int c = 1; c <= count; c++) {
                        Path file = augmentation.render(clip.file(), c, directory);
                        originOf.put(file, t);
                        rendered.add(new LabelledClips.Clip(file, clip.track(), clip.label(), clip.group(),
                                clip.source()));
                        bar.step();
                    }
                }
            }
            SegmentDataset data = SegmentDataset.load(rendered, extractor, SegmentDataset.Plan.plain(1000), cache,
                    "copies");
            int[] clipOrigin = data.clips().stream().mapToInt(c -> originOf.get(c.file())).toArray();
            int[] origin = IntStream.of(data.segmentTrack()).map(s -> clipOrigin[s]).toArray();
            return new Copies(data, origin, IntStream.of(origin).mapToObj(o -> clipTargets[o])
                    .toArray(float[][]::new));
        }

        float[][][] inputs(int[] segments) {
            return data == null ? new float[0][][] : data.inputs(segments, false);
        }

        float[][] summaryRows(int[] segments) {
            return data == null ? new float[0][] : pick(data.summaryRows(), segments);
        }

        /** Copy segments whose original clip passes {@code keep}. */
        int[] segmentsOf(java.util.function.IntPredicate keep) {
            return IntStream.range(0, origin.length).filter(s -> keep.test(origin[s])).toArray();
        }
    }

    /** Trained models and their scorers; closing closes all. */
    private record Trained(SequenceTrainer.Result gruResult, MlpTrainer.Result mlp, BatchScorer gru,
                           BatchScorer summary) implements AutoCloseable {
        @Override
        public void close() {
            gru.close();
            summary.close();
            gruResult.close();
            mlp.close();
        }
    }

    /** Class priors: each training track counts once, a partial label split evenly over its set. */
    private static double[] priors(SegmentDataset d, Rows tableRows, Taxonomy taxonomy) {
        double[] priors = new double[taxonomy.labels().size()];
        List<float[]> targets = new ArrayList<>(d.clips().stream().map(c -> taxonomy.targetOf(c.label())).toList());
        targets.addAll(List.of(tableRows.targets()));
        for (float[] t : targets) {
            double n = 0;
            for (float v : t) {
                n += v;
            }
            for (int c = 0; c < t.length; c++) {
                priors[c] += t[c] / n / targets.size();
            }
        }
        return priors;
    }

    private String describe(SegmentDataset d, Rows tableRows) {
        Map<String, Long> perSource = new LinkedHashMap<>();
        d.clips().forEach(c -> perSource.merge(c.source(), 1L, Long::sum));
        return String.format(Locale.ROOT, "%d clips (%s), %d segments, %d skipped; table rows %d%s", d.clips().size(),
                perSource, d.segmentTrack().length, d.skipped().size(), tableRows.size(),
                table == null ? "" : " (" + table + ")");
    }

    /**
     * Summary rows of a feature table, in {@link SummaryFeatures#COLUMNS} order, or completed to other columns.
     *
     * @param groups   split group of each row ({@code <source>:<track>})
     * @param labels   each row's label
     * @param classes  each row's class
     * @param features [row][column]
     * @param targets  one-hot rows
     */
    private record Rows(List<String> groups, List<String> labels, int[] classes, float[][] features,
                        float[][] targets) {

        static final Rows EMPTY = new Rows(List.of(), List.of(), new int[0], new float[0][], new float[0][]);

        static Rows read(String spec, Taxonomy taxonomy) throws IOException {
            int eq = spec.indexOf('=');
            Path csv = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
            String source = eq > 0 ? spec.substring(0, eq) : "table";
            FeatureTable t = FeatureTable.read(csv);
            int[] column = SummaryFeatures.COLUMNS.stream().mapToInt(c -> {
                int i = t.featureNames().indexOf(c);
                if (i < 0) {
                    throw new IllegalArgumentException(csv + " lacks the summary column " + c);
                }
                return i;
            }).toArray();
            List<String> rowLabels = IntStream.of(t.classes()).mapToObj(t.labels()::get).toList();
            taxonomy.checkAll(rowLabels);
            float[][] features = new float[t.size()][column.length];
            for (int r = 0; r < t.size(); r++) {
                for (int j = 0; j < column.length; j++) {
                    features[r][j] = t.features()[r][column[j]];
                }
            }
            return new Rows(t.trackIds().stream().map(id -> source + ":" + id).toList(), rowLabels,
                    rowLabels.stream().mapToInt(l -> taxonomy.classesOf(l)[0]).toArray(), features,
                    rowLabels.stream().map(taxonomy::targetOf).toArray(float[][]::new));
        }

        int size() {
            return features.length;
        }

        /**
         * These rows in {@code columns} order: a column the table lacks (beyond GTZAN's) is the mean of that column
         * over {@code audioRows}, so the summary model learns from table and audio rows alike. The means use no
         * labels.
         */
        Rows completed(List<String> columns, float[][] audioRows) {
            if (columns.equals(SummaryFeatures.COLUMNS) || size() == 0) {
                return this;
            }
            float[][] out = new float[size()][columns.size()];
            for (int j = 0; j < columns.size(); j++) {
                String c = columns.get(j);
                int i = SummaryFeatures.COLUMNS.indexOf(c);
                double fill = 0;
                if (i < 0) {
                    for (float[] row : audioRows) {
                        fill += row[j] / audioRows.length;
                    }
                }
                for (int r = 0; r < size(); r++) {
                    out[r][j] = i >= 0 ? features[r][i] : (float) fill;
                }
            }
            return new Rows(groups, labels, classes, out, targets);
        }
    }

    static float[][] pick(float[][] rows, int[] indices) {
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }

    static <T> T[] concat(T[] a, T[] b) {
        T[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
