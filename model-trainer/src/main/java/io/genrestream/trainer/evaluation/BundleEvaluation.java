package io.genrestream.trainer.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.trainer.data.LabelledClips;
import io.genrestream.trainer.data.SegmentDataset;
import io.genrestream.trainer.data.Taxonomy;
import io.genrestream.trainer.training.PlattFit;
import io.genrestream.vote.Calibration;
import io.genrestream.vote.ConfidenceMap;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.NoveltyCheck;
import io.genrestream.vote.TrackVerdict;
import io.genrestream.vote.VerdictRule;
import io.genrestream.vote.VoteTally;
import io.genrestream.vote.VoteWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Out-of-fold predictions of both models turned into track verdicts by the app's own vote code
 * ({@link EnsembleVoter}, {@link VoteTally}, {@link VerdictRule}) and judged per source: the ensemble weight is
 * chosen on them (the mean of the per-source accuracies, so no source outweighs another by its size), the
 * {@code unknown} threshold from the coverage/selective-accuracy curve, and the report gives per-source accuracy and
 * macro-F1 (in the source's own labels: a pop, rock or metal verdict is right for {@code pop_rock}), each model alone,
 * ECE with its reliability diagram, and an optional other bundle scored on the same clips.
 */
public final class BundleEvaluation {

    private static final int BINS = 10;

    private final Taxonomy taxonomy;
    private final SegmentDataset data;
    private final float[][] gru;
    private final float[][] summary;
    private final Calibration temperatures;
    private final double targetAccuracy;
    private final double minCoverage;
    private final List<String> tableLabels;
    private final float[][] tableSummary;
    private final Path compare;
    private final double[] novelty;
    private final NoveltyCheck noveltyCheck;
    private final int[] clipFold;

    private BundleEvaluation(Builder b) {
        this.taxonomy = b.taxonomy;
        this.data = b.data;
        this.gru = b.gru;
        this.summary = b.summary;
        this.temperatures = new Calibration(b.gruTemperature, b.summaryTemperature, 1, 0);
        this.targetAccuracy = b.targetAccuracy;
        this.minCoverage = b.minCoverage;
        this.tableLabels = b.tableLabels;
        this.tableSummary = b.tableSummary;
        this.compare = b.compare;
        this.novelty = b.novelty;
        this.noveltyCheck = b.noveltyCheck;
        this.clipFold = b.clipFold;
    }

    /** A builder; every {@code set} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the evaluation chose and measured.
     *
     * @param weights     ensemble weights chosen on the folds
     * @param calibration temperatures and the unknown threshold
     * @param metrics     figures for the bundle manifest
     * @param markdown    the report's text
     */
    public record Outcome(VoteWeights weights, Calibration calibration, Map<String, Object> metrics,
                          String markdown) {

        /** The lines to print after the run. */
        public String summary() {
            return markdown.substring(markdown.indexOf("## Per source"), markdown.indexOf("## Calibration"));
        }

        /** The bundle's model card: sources, per-source figures, calibration, and what the data may be used for. */
        public String modelCard(BundleManifest m, String dataDescription, String training) {
            return "# Genre Stream model bundle: GRU + summary MLP trained on labelled audio of every source\n\n"
                    + "Labels (model output order): " + String.join(", ", m.labels()) + ".\n\n"
                    + "## Training\n\n- data: " + dataDescription + "\n- " + training + "\n"
                    + "- the GRU reads the " + m.featureConfig().framesPerSegment() + " x "
                    + m.featureConfig().frameFeatureCount() + " frame matrix of each 3 s segment; the summary MLP reads "
                    + "the " + m.summaryColumns().size() + " summary columns of the app's rolling window (3 s up to "
                    + "30 s) and the GTZAN table's rows"
                    + (m.summaryColumns().equals(SummaryFeatures.COLUMNS) ? "" : " (GTZAN's 57, then spectral contrast, "
                    + "rhythm periodicity, band shares and loudness, chroma tonality"
                    + (SummaryFeatures.needsModulation(SummaryFeatures.positions(m.summaryColumns()))
                            ? ", modulation spectrum" : "")
                    + ", as named in bundle.json; table rows hold the audio rows' means there)") + "\n"
                    + "- AllMusic's pop_rock (one of pop, rock, metal) is a partial label: loss -log(p_pop + p_rock + "
                    + "p_metal)\n"
                    + "- the training audio is research data (GTZAN, Emotify, AllMusic previews); it is not in this "
                    + "bundle, which ships weights only\n\n"
                    + markdown.substring(markdown.indexOf("## Per source"));
        }
    }

    /** Chooses weights and threshold, writes {@code report.md}, {@code report.json} and the plots to {@code dir}. */
    public Outcome run(Path dir, String dataDescription) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<String> sources = data.clips().stream().map(LabelledClips.Clip::source).distinct().sorted().toList();

        double bestScore = -1;
        VoteWeights best = VoteWeights.EQUAL;
        Map<String, Double> byWeight = new LinkedHashMap<>();
        for (int step = 0; step <= 10; step++) {
            VoteWeights w = new VoteWeights(step / 10.0, 1 - step / 10.0);
            double score = meanSourceAccuracy(correct(verdicts(w, 1)), sources);
            byWeight.put(String.format(Locale.ROOT, "%.1f", w.gru()), score);
            // ties go to the more even mix
            if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9
                    && Math.abs(w.gru() - 0.5) < Math.abs(best.gru() - 0.5))) {
                bestScore = score;
                best = w;
            }
        }
        double trackTemperature = TemperatureScaling.fit(meanProbabilities(best),
                data.clips().stream().map(c -> taxonomy.targetOf(c.label())).toArray(float[][]::new));
        TrackVerdict[] ensemble = verdicts(best, trackTemperature);
        boolean[] correct = correct(ensemble);
        double[] tempered = IntStream.range(0, ensemble.length).mapToDouble(t -> ensemble[t].confidence()).toArray();
        // each fold's tracks through the map fitted on the other folds' tracks: the figures stay out of fold; the
        // bundle gets the map fitted on all of them
        double[] confidence = new double[tempered.length];
        for (int f : IntStream.of(clipFold).distinct().toArray()) {
            int[] rest = IntStream.range(0, tempered.length).filter(t -> clipFold[t] != f).toArray();
            ConfidenceMap foldMap = PlattFit.fit(pick(tempered, rest), pick(correct, rest)).toMap();
            IntStream.range(0, tempered.length).filter(t -> clipFold[t] == f)
                    .forEach(t -> confidence[t] = foldMap.apply(tempered[t]));
        }
        PlattFit trackFit = PlattFit.fit(tempered, correct);
        ConfidenceMap trackMap = trackFit.toMap();
        double temperedEce = SelectivePrediction.of(tempered, correct, BINS).ece();
        SelectivePrediction selective = SelectivePrediction.of(confidence, correct, BINS);
        double threshold = selective.threshold(targetAccuracy, minCoverage);
        Calibration calibration = temperatures.withTrack(trackTemperature, trackMap, threshold);
        boolean[] gruAlone = correct(verdicts(new VoteWeights(1, 0), 1));
        boolean[] summaryAlone = correct(verdicts(new VoteWeights(0, 1), 1));
        boolean[] compared = compare == null ? null : correct(compareBundle());

        StringBuilder md = new StringBuilder("# Bundle training: grouped cross-validation\n\n");
        md.append("- data: ").append(dataDescription).append('\n');
        md.append(String.format(Locale.ROOT, "- temperatures: GRU %.3f, summary %.3f, track %.3f; ensemble weights GRU "
                        + "%.1f / summary %.1f (mean per-source track accuracy by GRU weight: %s)%n",
                calibration.gruTemperature(), calibration.summaryTemperature(), calibration.trackTemperature(),
                best.gru(), best.summary(), byWeight));
        md.append("\n## Per source\n\nTrack verdicts through the app's vote code, out of fold (whole artists or tracks "
                + "held out).\n\n| source | tracks | ensemble acc | macro-F1 | GRU alone | summary alone |"
                + (compared == null ? "" : " " + compare.getFileName() + " |")
                + " ECE | coverage at threshold | selective acc |\n|---|---|---|---|---|---|"
                + (compared == null ? "" : "---|") + "---|---|---|\n");
        Map<String, Object> perSource = new LinkedHashMap<>();
        for (String source : withAll(sources)) {
            int[] tracks = tracksOf(source);
            double acc = accuracy(correct, tracks);
            double f1 = macroF1(ensemble, tracks);
            double g = accuracy(gruAlone, tracks);
            double s = accuracy(summaryAlone, tracks);
            SelectivePrediction sp = SelectivePrediction.of(pick(confidence, tracks), pick(correct, tracks), BINS);
            SelectivePrediction.Point at = sp.at(threshold);
            Double c = compared == null ? null : accuracy(compared, tracks);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f |%s %.3f | %.2f | %.3f |%n",
                    source, tracks.length, acc, f1, g, s, c == null ? "" : String.format(Locale.ROOT, " %.3f |", c),
                    sp.ece(), at.coverage(), at.selectiveAccuracy()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tracks", tracks.length);
            m.put("trackAccuracy", acc);
            m.put("trackMacroF1", f1);
            m.put("gruAloneAccuracy", g);
            m.put("summaryAloneAccuracy", s);
            m.put("ece", sp.ece());
            m.put("coverage", at.coverage());
            m.put("selectiveAccuracy", at.selectiveAccuracy());
            if (c != null) {
                m.put("compareAccuracy", c);
            }
            perSource.put(source, m);
        }
        md.append("\nWhat each source's labels come out as (ensemble verdicts, out of fold):\n\n");
        for (String source : sources) {
            md.append("- ").append(source).append(": ").append(confusion(ensemble, source)).append('\n');
        }
        if (tableSummary.length > 0) {
            int[] predicted = CrossValidation.argMax(tableSummary);
            long right = IntStream.range(0, tableSummary.length)
                    .filter(r -> taxonomy.admits(tableLabels.get(r), predicted[r])).count();
            double tableAccuracy = (double) right / tableSummary.length;
            md.append(String.format(Locale.ROOT, "%nFeature-table rows (whole 30 s tracks, summary model alone, "
                    + "out of fold): accuracy %.3f over %d rows.%n", tableAccuracy, tableSummary.length));
            perSource.put("table", Map.of("rows", tableSummary.length, "summaryAccuracy", tableAccuracy));
        }
        if (noveltyCheck.enabled()) {
            noveltyReport(md, perSource, ensemble, correct, confidence, threshold, sources);
        }
        SelectivePrediction.Point at = selective.at(threshold);
        md.append(String.format(Locale.ROOT, "%n## Calibration%n%nTrack confidence = the winner's share of the "
                        + "mean calibrated ensemble probabilities, tempered by the track temperature and mapped by "
                        + "Platt scaling of the held-out tracks' correctness on its logit (each fold through the map "
                        + "fitted on the others; the bundle's map: slope %.3f, intercept %.3f). ECE over all held-out "
                        + "tracks %.3f (%d bins; "
                        + "tempered only: %.3f). Unknown threshold %.3f (the lowest confidence at which the "
                        + "answered tracks reach %.2f accuracy while at least %.0f %% are answered; if none does, the "
                        + "most accurate that answers that share): coverage %.2f, selective accuracy %.3f.%n%n",
                trackFit.slope(), trackFit.intercept(), selective.ece(), BINS, temperedEce, threshold, targetAccuracy,
                minCoverage * 100, at.coverage(),
                at.selectiveAccuracy()));
        md.append("| confidence bin | tracks | mean confidence | accuracy |\n|---|---|---|---|\n");
        for (int b = 0; b < BINS; b++) {
            md.append(String.format(Locale.ROOT, "| %.1f-%.1f | %d | %.3f | %.3f |%n", selective.binLower()[b],
                    selective.binLower()[b] + 1.0 / BINS, selective.binCount()[b], selective.binConfidence()[b],
                    selective.binAccuracy()[b]));
        }
        md.append("\n![reliability](reliability.png) ![coverage](coverage.png)\n");
        plots(selective, dir);

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("perSource", perSource);
        if (noveltyCheck.enabled()) {
            metrics.put("noveltyThreshold", noveltyCheck.threshold());
        }
        metrics.put("ece", selective.ece());
        metrics.put("eceTemperedOnly", temperedEce);
        metrics.put("unknownThreshold", threshold);
        metrics.put("coverage", at.coverage());
        metrics.put("selectiveAccuracy", at.selectiveAccuracy());
        metrics.put("weightSearch", byWeight);
        Map<String, Object> json = new LinkedHashMap<>(metrics);
        json.put("data", dataDescription);
        json.put("temperatures", Map.of("gru", calibration.gruTemperature(), "summary",
                calibration.summaryTemperature(), "track", calibration.trackTemperature()));
        json.put("weights", List.of(best.gru(), best.summary()));
        json.put("confidenceMap", Map.of("slope", trackFit.slope(), "intercept", trackFit.intercept()));
        json.put("curve", selective.curve());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(),
                json);
        Files.writeString(dir.resolve("report.md"), md);
        writeOutOfFold(dir.resolve("out-of-fold.csv"));
        return new Outcome(best, calibration, metrics, md.toString());
    }

    /**
     * The held-out tracks the novelty check turns unknown (the verdicts' threshold is 0, so nothing else does), per
     * source, and what is answered at the unknown threshold once they are set aside.
     */
    private void noveltyReport(StringBuilder md, Map<String, Object> perSource, TrackVerdict[] verdicts,
                                 boolean[] correct, double[] confidence, double threshold, List<String> sources) {
        md.append(String.format(Locale.ROOT, "%nNovelty check (mean Mahalanobis distance of a track's summary rows to "
                + "the training rows over %d columns, fitted per fold; threshold %.2f, from the final fit's quantile "
                + "of held-out tracks): held-out tracks set to unknown, and how many of them were right:%n%n",
                noveltyCheck.mean().length, noveltyCheck.threshold()));
        for (String source : withAll(sources)) {
            int[] tracks = tracksOf(source);
            int[] novel = IntStream.of(tracks).filter(t -> verdicts[t].status() == TrackVerdict.Status.UNKNOWN)
                    .toArray();
            long right = IntStream.of(novel).filter(t -> correct[t]).count();
            int[] answered = IntStream.of(tracks).filter(t -> verdicts[t].status() != TrackVerdict.Status.UNKNOWN
                    && confidence[t] >= threshold).toArray();
            double selective = accuracy(correct, answered);
            md.append(String.format(Locale.ROOT, "- %s: %d of %d (%d right); with the confidence threshold, "
                            + "coverage %.2f, selective accuracy %.3f%n", source, novel.length, tracks.length, right,
                    (double) answered.length / tracks.length, selective));
            if (perSource.get(source) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> figures = (Map<String, Object>) m;
                figures.put("novelTracks", novel.length);
                figures.put("coverageWithNovelty", (double) answered.length / tracks.length);
                figures.put("selectiveAccuracyWithNovelty", selective);
            }
        }
    }

    /** The sources, then {@code all} (every track). */
    private static List<String> withAll(List<String> sources) {
        List<String> all = new ArrayList<>(sources);
        all.add("all");
        return all;
    }

    /** The clips of one source, or of every source for {@code all}. */
    private int[] tracksOf(String source) {
        return IntStream.range(0, data.clips().size())
                .filter(t -> "all".equals(source) || data.clips().get(t).source().equals(source)).toArray();
    }

    /** Each clip's verdict from its out-of-fold segment scores, with the fitted temperatures and these weights. */
    private TrackVerdict[] verdicts(VoteWeights weights, double trackTemperature) {
        VerdictRule rule = new VerdictRule(taxonomy.labels(), new double[taxonomy.labels().size()], 0,
                trackTemperature, noveltyCheck);
        return java.util.Arrays.stream(tallies(new EnsembleVoter(weights, temperatures), gru, summary))
                .map(rule::decide).toArray(TrackVerdict[]::new);
    }

    /** Each clip's mean calibrated ensemble probabilities, what the track temperature is fitted on. */
    private float[][] meanProbabilities(VoteWeights weights) {
        return java.util.Arrays.stream(tallies(new EnsembleVoter(weights, temperatures), gru, summary))
                .map(VoteTally::meanProbabilities).toArray(float[][]::new);
    }

    /** Each clip's tally of its segments' votes; {@code g} or {@code s} may be null for a bundle without it. */
    private VoteTally[] tallies(EnsembleVoter voter, float[][] g, float[][] s) {
        VoteTally[] tallies = new VoteTally[data.clips().size()];
        for (int i = 0; i < data.segmentTrack().length; i++) {
            float[] gi = g == null ? null : g[i];
            float[] si = s == null ? null : s[i];
            int t = data.segmentTrack()[i];
            if (tallies[t] == null) {
                tallies[t] = new VoteTally((gi != null ? gi : si).length);
            }
            tallies[t].add(voter.vote(gi, si).withNovelty(novelty == null ? Double.NaN : novelty[i]));
        }
        return tallies;
    }

    /** Whether each clip's verdict is right for its label (any label of a partial one). */
    private boolean[] correct(TrackVerdict[] verdicts) {
        boolean[] out = new boolean[verdicts.length];
        for (int t = 0; t < verdicts.length; t++) {
            int c = taxonomy.labels().indexOf(verdicts[t].genre());
            out[t] = c >= 0 && taxonomy.admits(data.clips().get(t).label(), c);
        }
        return out;
    }

    private double meanSourceAccuracy(boolean[] correct, List<String> sources) {
        return sources.stream().mapToDouble(src -> accuracy(correct, IntStream.range(0, correct.length)
                .filter(t -> data.clips().get(t).source().equals(src)).toArray())).average().orElse(0);
    }

    private static double accuracy(boolean[] correct, int[] tracks) {
        return tracks.length == 0 ? Double.NaN
                : (double) IntStream.of(tracks).filter(t -> correct[t]).count() / tracks.length;
    }

    /** Macro-F1 in the dataset's own labels: a verdict admitted by a partial label counts as that label. */
    private double macroF1(TrackVerdict[] verdicts, int[] tracks) {
        String[] truth = new String[tracks.length];
        String[] predicted = new String[tracks.length];
        for (int i = 0; i < tracks.length; i++) {
            String label = data.clips().get(tracks[i]).label();
            truth[i] = label;
            predicted[i] = taxonomy.admits(label, verdicts[tracks[i]].genreIndex()) ? label
                    : verdicts[tracks[i]].genre();
        }
        // averaged over the source's own labels: a verdict outside them is a miss of the true label, not a class
        // of its own whose F1 of 0 would pull every source with fewer labels down
        List<String> labels = List.copyOf(new TreeSet<>(List.of(truth)));
        int other = labels.size();
        int[] predictedIndex = java.util.Arrays.stream(predicted).mapToInt(p -> labels.contains(p)
                ? labels.indexOf(p) : other).toArray();
        List<String> withOther = new ArrayList<>(labels);
        withOther.add("(other)");
        ClassificationMetrics m = ClassificationMetrics.of(withOther,
                java.util.Arrays.stream(truth).mapToInt(labels::indexOf).toArray(), predictedIndex);
        return IntStream.range(0, labels.size()).mapToDouble(c -> m.f1(c)).average().orElse(Double.NaN);
    }

    /** Per label of the source, the verdicts it got, most frequent first: "rock (30): rock 20, metal 6, pop 4". */
    private String confusion(TrackVerdict[] verdicts, String source) {
        Map<String, Map<String, Integer>> byLabel = new java.util.TreeMap<>();
        for (int t = 0; t < verdicts.length; t++) {
            LabelledClips.Clip clip = data.clips().get(t);
            if (clip.source().equals(source)) {
                byLabel.computeIfAbsent(clip.label(), l -> new LinkedHashMap<>())
                        .merge(verdicts[t].genre(), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        byLabel.forEach((label, counts) -> parts.add(label + " (" + counts.values().stream().mapToInt(i -> i).sum()
                + "): " + String.join(", ", counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).toList())));
        return String.join("; ", parts);
    }

    /** Every segment's out-of-fold probabilities of both models, for analysis outside the trainer. */
    private void writeOutOfFold(Path csv) throws IOException {
        StringBuilder out = new StringBuilder("segment,clip,source,group,label");
        for (String model : List.of("gru", "summary")) {
            taxonomy.labels().forEach(l -> out.append(',').append(model).append('_').append(l));
        }
        out.append('\n');
        for (int i = 0; i < data.segmentTrack().length; i++) {
            LabelledClips.Clip clip = data.clips().get(data.segmentTrack()[i]);
            out.append(i).append(',').append(data.segmentTrack()[i]).append(',').append(clip.source()).append(',')
                    .append(clip.group().replace(',', ' ')).append(',').append(clip.label());
            for (float[] p : new float[][] {gru[i], summary[i]}) {
                for (float v : p) {
                    out.append(',').append(String.format(Locale.ROOT, "%.5f", v));
                }
            }
            out.append('\n');
        }
        Files.writeString(csv, out);
    }

    /** The other bundle's verdict of every clip, with its own models, weights and labels. */
    private TrackVerdict[] compareBundle() throws IOException {
        try (ModelBundle other = ModelBundle.load(compare, io.genrestream.features.FeatureConfig.librosaDefaults());
             BatchScorer g = other.has(ModelRole.GRU) ? other.newScorer(ModelRole.GRU) : null;
             BatchScorer s = other.has(ModelRole.SUMMARY) ? other.newScorer(ModelRole.SUMMARY) : null) {
            int[] all = IntStream.range(0, gru.length).toArray();
            float[][] gp = g == null ? null : g.scoreSegments(data.inputs(all, false), 64);
            float[][] sp = s == null ? null : s.scoreRows(data.summaryRows());
            VerdictRule rule = other.verdictRule(0);
            return java.util.Arrays.stream(tallies(other.voter(), gp, sp)).map(rule::decide)
                    .toArray(TrackVerdict[]::new);
        }
    }

    private static void plots(SelectivePrediction sp, Path dir) throws IOException {
        XYChart reliability = new XYChartBuilder().width(520).height(480).title("Reliability (held-out tracks)")
                .xAxisTitle("confidence").yAxisTitle("accuracy").build();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int b = 0; b < sp.binCount().length; b++) {
            if (sp.binCount()[b] > 0) {
                x.add(sp.binConfidence()[b]);
                y.add(sp.binAccuracy()[b]);
            }
        }
        reliability.addSeries("perfect", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
        reliability.addSeries(String.format(Locale.ROOT, "bins (ECE %.3f)", sp.ece()), x, y);
        BitmapEncoder.saveBitmap(reliability, dir.resolve("reliability.png").toString(),
                BitmapEncoder.BitmapFormat.PNG);
        XYChart coverage = new XYChartBuilder().width(520).height(480).title("Coverage vs selective accuracy")
                .xAxisTitle("coverage").yAxisTitle("selective accuracy").build();
        coverage.addSeries("held-out tracks", sp.curve().stream().map(SelectivePrediction.Point::coverage).toList(),
                sp.curve().stream().map(SelectivePrediction.Point::selectiveAccuracy).toList())
                .setMarker(SeriesMarkers.NONE);
        BitmapEncoder.saveBitmap(coverage, dir.resolve("coverage.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double[] pick(double[] values, int[] rows) {
        return IntStream.of(rows).mapToDouble(r -> values[r]).toArray();
    }

    private static boolean[] pick(boolean[] values, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /** Builder of a {@link BundleEvaluation}. */
    public static final class Builder {
        private Taxonomy taxonomy;
        private SegmentDataset data;
        private float[][] gru;
        private float[][] summary;
        private double gruTemperature = Double.NaN;
        private double summaryTemperature = Double.NaN;
        private double targetAccuracy = Double.NaN;
        private double minCoverage = Double.NaN;
        private List<String> tableLabels = List.of();
        private float[][] tableSummary = new float[0][];
        private Path compare;
        private double[] novelty;
        private NoveltyCheck noveltyCheck = NoveltyCheck.NONE;
        private int[] clipFold;

        private Builder() {
        }

        public Builder setTaxonomy(Taxonomy taxonomy) {
            this.taxonomy = taxonomy;
            return this;
        }

        public Builder setDataset(SegmentDataset data) {
            this.data = data;
            return this;
        }

        /** Out-of-fold probabilities of every segment of the dataset. */
        public Builder setOutOfFold(float[][] gru, float[][] summary) {
            this.gru = gru;
            this.summary = summary;
            return this;
        }

        /** The cross-validation fold of every clip, whose out-of-fold scores these are. */
        public Builder setFolds(int[] clipFold) {
            this.clipFold = clipFold;
            return this;
        }

        public Builder setTemperatures(double gru, double summary) {
            this.gruTemperature = gru;
            this.summaryTemperature = summary;
            return this;
        }

        /** Target selective accuracy of the unknown threshold, and the coverage to keep when it is out of reach. */
        public Builder setSelection(double targetAccuracy, double minCoverage) {
            this.targetAccuracy = targetAccuracy;
            this.minCoverage = minCoverage;
            return this;
        }

        /** Feature-table rows' labels and their out-of-fold summary probabilities. */
        public Builder optTable(List<String> labels, float[][] summaryProbabilities) {
            this.tableLabels = List.copyOf(labels);
            this.tableSummary = summaryProbabilities;
            return this;
        }

        /** Another bundle to score on the same clips; {@code null} for none. */
        public Builder optCompare(Path bundle) {
            this.compare = bundle;
            return this;
        }

        /**
         * Every segment's out-of-fold distance to its fold's training rows, and the bundle's check, whose threshold
         * turns a held-out track unknown.
         */
        public Builder optNovelty(double[] segmentDistances, NoveltyCheck check) {
            this.novelty = segmentDistances;
            this.noveltyCheck = check;
            return this;
        }

        public BundleEvaluation build() {
            if (taxonomy == null || data == null || gru == null || summary == null || Double.isNaN(gruTemperature)
                    || Double.isNaN(targetAccuracy) || clipFold == null || clipFold.length != data.clips().size()) {
                throw new IllegalStateException("taxonomy, dataset, out-of-fold scores, folds of every clip, "
                        + "temperatures and selection are required");
            }
            return new BundleEvaluation(this);
        }
    }
}
