package io.genrestream.app.topology;

import io.genrestream.app.scoring.BundleSegmentModels;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedAudio;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.model.ModelBundle;
import io.genrestream.stack.LocalStack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * What the app itself answers on labelled audio: every file named {@code <genre>.<n>.wav} (or {@code .au}) is streamed
 * through the real topology (TopologyTestDriver, a real schema registry from {@link LocalStack}, the bundle's real
 * PyTorch models) as one-second 16-bit chunks and an end marker, and its verdict is compared with the genre in its name. Each
 * {@code --hpss-every}/{@code --tempo-every} pair is one run, so the cost in accuracy of the throughput knobs shows
 * next to the exact setting, together with how many segment votes differ from the first run's.
 *
 * <p>A main class, not a test: {@code mvn verify} never runs it. Command in docs/evaluation.md.
 */
@Command(name = "streaming-accuracy-harness", mixinStandardHelpOptions = true,
        description = "Streams labelled WAV files through the topology and reports the verdicts' accuracy.")
public final class StreamingAccuracyHarness implements Callable<Integer> {

    @Option(names = "--audio", split = ",", description = "Directories of <genre>.<n>.wav files (default: "
            + "../shared/data/gtzan/parity and gtzan/audio-dev).")
    List<Path> audioDirs = List.of(Path.of("../shared/data/gtzan/parity"), Path.of("../shared/data/gtzan/audio-dev"));

    @Option(names = "--bundle", description = "Model bundle directory (default: ${DEFAULT-VALUE}).")
    Path bundleDir = Path.of("bundles/default");

    @Option(names = "--hpss-every", split = ",", description = "genre.features.hpss-every-segments per run "
            + "(default: ${DEFAULT-VALUE}).")
    List<Integer> hpssEvery = List.of(1, 5, 10);

    @Option(names = "--tempo-every", split = ",", description = "genre.features.tempo-every-segments per run, "
            + "paired with --hpss-every (default: ${DEFAULT-VALUE}).")
    List<Integer> tempoEvery = List.of(1, 5, 10);

    @Option(names = "--work-dir", description = "Scratch directory (default: ${DEFAULT-VALUE}).")
    Path workDir = Path.of("target/accuracy-run");

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamingAccuracyHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (hpssEvery.size() != tempoEvery.size()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--hpss-every and --tempo-every need as many values each");
        }
        List<Path> wavs = new ArrayList<>();
        for (Path dir : audioDirs) {
            if (!Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "no audio directory " + dir);
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().matches("[a-z]+\\.\\d+\\.(wav|au)")).sorted()
                        .forEach(wavs::add);
            }
        }
        Files.createDirectories(workDir);
        FeatureConfig config = FeatureConfig.librosaDefaults();
        Map<String, List<String>> firstVotes = null;
        try (LocalStack stack = LocalStack.builder().optDataDirectory(workDir.resolve("stack")).build().start();
             ModelBundle bundle = ModelBundle.load(bundleDir, config)) {
            System.out.printf("%d tracks from %s; bundle %s version %s%n", wavs.size(), audioDirs, bundleDir,
                    bundle.version());
            for (int run = 0; run < hpssEvery.size(); run++) {
                PipelineSettings settings = PipelineSettings.builder().optHpssEverySegments(hpssEvery.get(run))
                        .optTempoEverySegments(tempoEvery.get(run)).build();
                Map<String, List<String>> votes = new HashMap<>();
                int correct = 0;
                long started = System.nanoTime();
                Path state = Files.createTempDirectory(workDir, "state");
                try (TopologyHarness h = new TopologyHarness(stack.schemaRegistryUrl(), settings,
                        new BundleSegmentModels(bundle, null), bundle.manifest().extractor(), state)) {
                    for (Path wav : wavs) {
                        String name = wav.getFileName().toString();
                        String id = name.substring(0, name.lastIndexOf('.'));
                        DecodedAudio audio = AudioFileDecoder.standard().decode(wav).toMono();
                        Chunks.track(id, audio.samples(), audio.sampleRate()).forEach(h::send);
                        TrackGenre verdict = h.trackGenres().get(0);
                        votes.put(id, h.scores().stream().map(SegmentScore::getVote).toList());
                        String label = id.substring(0, id.indexOf('.'));
                        correct += label.equals(verdict.getGenre()) ? 1 : 0;
                        System.out.printf("  %-18s -> %-9s (confidence %.2f, novelty %s, votes %s)%n", id,
                                verdict.getGenre(), verdict.getConfidence(), verdict.getNovelty() == null ? "-"
                                        : String.format("%.1f", verdict.getNovelty()), votes.get(id));
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                String agreement = firstVotes == null ? "reference run" : segmentAgreement(firstVotes, votes);
                System.out.printf("hpss-every %d, tempo-every %d: track accuracy %d/%d = %.3f; %s; %.1f s%n",
                        hpssEvery.get(run), tempoEvery.get(run), correct, wavs.size(), correct / (double) wavs.size(),
                        agreement, seconds);
                if (firstVotes == null) {
                    firstVotes = votes;
                }
            }
        }
        return 0;
    }

    private static String segmentAgreement(Map<String, List<String>> reference, Map<String, List<String>> votes) {
        int same = 0;
        int total = 0;
        for (Map.Entry<String, List<String>> e : reference.entrySet()) {
            List<String> other = votes.get(e.getKey());
            for (int i = 0; i < e.getValue().size(); i++) {
                total++;
                same += other != null && i < other.size() && other.get(i).equals(e.getValue().get(i)) ? 1 : 0;
            }
        }
        return String.format("segment votes equal to the reference run's: %d/%d = %.3f", same, total,
                same / (double) total);
    }
}
