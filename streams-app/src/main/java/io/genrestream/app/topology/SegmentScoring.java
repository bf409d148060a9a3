package io.genrestream.app.topology;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.app.state.BatchedSegment;
import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.ModelScore;
import io.genrestream.avro.SegmentScore;
import io.genrestream.vote.SegmentVote;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores segments in micro-batches across the task's streams: a segment waits in store
 * {@link GenreTopology#BATCH_STORE} until {@code batchSize} are pending or the oldest has waited {@code batchLinger}
 * (wall-clock punctuation), or its stream ends. The batch goes through the GRU (frame matrices) and the summary
 * model (57-vectors) in one call each, and each segment's ensemble vote is forwarded with its {@link SegmentScore}.
 *
 * <p>Because the pending segments live in a changelogged store, a crash loses or repeats none: under exactly-once
 * the store's changelog and the scores commit in the same transaction; after a restart the restored batch is scored.
 *
 * <p>The models run through a {@link SegmentModels.ThreadScorer} acquired in {@link #init} and released in
 * {@link #close}: one set of DJL predictors per stream thread.
 */
final class SegmentScoring extends ContextualProcessor<String, TrackEvent, String, TrackEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentScoring.class);
    private static final String GRU = "gru";
    private static final String SUMMARY = "summary";
    private static final Duration MIN_CHECK_INTERVAL = Duration.ofMillis(10);

    private final PipelineSettings settings;
    private final SegmentModels models;
    private final int modelSampleRate;
    private SegmentModels.ThreadScorer scorer;
    private KeyValueStore<String, BatchedSegment> batch;
    /** The input record that completed each pending segment, for its dead letter; none for a restored segment. */
    private final Map<String, SegmentFailure.Source> sources = new HashMap<>();
    private int pending;
    private long oldestEnqueuedMs;

    private final PipelineMeters meters;

    SegmentScoring(PipelineSettings settings, SegmentModels models, int modelSampleRate, PipelineMeters meters) {
        this.settings = settings;
        this.meters = meters;
        this.models = models;
        this.modelSampleRate = modelSampleRate;
    }

    static String batchKey(String streamId, int segmentIndex) {
        return streamId + '\u0000' + String.format("%010d", segmentIndex);
    }

    @Override
    public void init(ProcessorContext<String, TrackEvent> context) {
        super.init(context);
        batch = context.getStateStore(GenreTopology.BATCH_STORE);
        scorer = models.acquire();
        LOG.info("Task {} scores segments on DJL device {}", context.taskId(), scorer.device());
        pending = 0;
        oldestEnqueuedMs = Long.MAX_VALUE;
        sources.clear();
        try (KeyValueIterator<String, BatchedSegment> all = batch.all()) {
            all.forEachRemaining(kv -> {
                pending++;
                oldestEnqueuedMs = Math.min(oldestEnqueuedMs, kv.value.getEnqueuedAtMs());
            });
        }
        Duration half = settings.batchLinger().dividedBy(2);
        context.schedule(half.compareTo(MIN_CHECK_INTERVAL) < 0 ? MIN_CHECK_INTERVAL : half,
                PunctuationType.WALL_CLOCK_TIME, this::lingerCheck);
    }

    @Override
    public void process(Record<String, TrackEvent> record) {
        TrackEvent event = record.value();
        if (event instanceof TrackEvent.Featured f) {
            BatchedSegment segment = f.segment();
            long now = context().currentSystemTimeMs();
            segment.setEnqueuedAtMs(now);
            String key = batchKey(record.key(), segment.getSegmentIndex());
            batch.put(key, segment);
            context().recordMetadata().ifPresent(m -> sources.put(key, new SegmentFailure.Source(m.topic(),
                    m.partition(), m.offset())));
            pending++;
            oldestEnqueuedMs = Math.min(oldestEnqueuedMs, now);
            if (pending >= settings.batchSize()) {
                flush(record.timestamp());
            }
        } else if (event instanceof TrackEvent.StreamEnd) {
            // the stream's verdict must see all its segments: score what is pending first (the whole buffer; other
            // streams' segments are just scored earlier than their linger)
            flush(record.timestamp());
            context().forward(record);
        } else {
            throw new IllegalStateException("scorer got " + event.getClass().getSimpleName());
        }
    }

    private void lingerCheck(long now) {
        if (pending > 0 && now - oldestEnqueuedMs >= settings.batchLinger().toMillis()) {
            flush(now);
        }
    }

    /**
     * Scores every pending segment, in batches of at most {@code batchSize}. The segments leave the store before the
     * models see them, so a batch the models reject is not retried with every later record, nor its scored part
     * scored twice.
     */
    private void flush(long timestamp) {
        List<KeyValue<String, BatchedSegment>> all = new ArrayList<>();
        try (KeyValueIterator<String, BatchedSegment> it = batch.all()) {
            it.forEachRemaining(all::add);
        }
        all.forEach(kv -> batch.delete(kv.key));
        pending = 0;
        oldestEnqueuedMs = Long.MAX_VALUE;
        SegmentFailure first = null;
        for (int from = 0; from < all.size(); from += settings.batchSize()) {
            first = keepFirst(first, score(all.subList(from, Math.min(all.size(), from + settings.batchSize())),
                    timestamp));
        }
        sources.clear();
        if (first != null) {
            throw first;
        }
    }

    /**
     * Scores one batch and forwards its scores; returns the models' failure, or null. A batch the models reject is
     * scored again segment by segment, so that only the segments the models reject on their own are lost (a batch
     * mixes streams); {@link #flush} rethrows the first failure for the processing exception handler to dead-letter
     * ({@link DeadLetterProcessingHandler}) once every batch has been tried.
     */
    private SegmentFailure score(List<KeyValue<String, BatchedSegment>> entries, long timestamp) {
        float[][][] outputs;
        float[][] summaries;
        try {
            // decoded once: the summary model reads them, and so does the novelty check
            summaries = entries.stream().map(e -> floats(e.value.getSummary())).toArray(float[][]::new);
            outputs = infer(entries, summaries);
        } catch (RuntimeException e) {
            if (entries.size() == 1) {
                BatchedSegment s = entries.get(0).value;
                return new SegmentFailure("the models failed on segment " + s.getSegmentIndex() + " of stream "
                        + s.getStreamId(), e, s.getStreamId(), sources.get(entries.get(0).key));
            }
            LOG.warn("The models failed on a batch of {} segments; scoring them one by one", entries.size(), e);
            SegmentFailure first = null;
            for (KeyValue<String, BatchedSegment> entry : entries) {
                first = keepFirst(first, score(List.of(entry), timestamp));
            }
            return first;
        }
        forward(entries, summaries, outputs, timestamp);
        return null;
    }

    /** The first failure goes to the exception handler (one dead letter per call); later ones are only logged. */
    private static SegmentFailure keepFirst(SegmentFailure first, SegmentFailure failure) {
        if (first != null && failure != null) {
            LOG.warn("Segment lost, no dead letter (one per record processed): {}", failure.getMessage(), failure);
        }
        return first != null ? first : failure;
    }

    /** GRU and summary-model probabilities of a batch ({@code [0]} and {@code [1]}; either may be null). */
    private float[][][] infer(List<KeyValue<String, BatchedSegment>> entries, float[][] summaries) {
        int n = entries.size();
        float[][][] frames = new float[n][][];
        for (int i = 0; i < n; i++) {
            BatchedSegment s = entries.get(i).value;
            frames[i] = matrix(floats(s.getFrames()), s.getFrameRows(), s.getFrameCols());
        }
        long started = System.nanoTime();
        float[][] gru = scorer.scoreFrames(frames);
        float[][] summary = scorer.scoreSummaries(summaries);
        meters.batchScored(n, System.nanoTime() - started);
        return new float[][][] {gru, summary};
    }

    private void forward(List<KeyValue<String, BatchedSegment>> entries, float[][] summaries, float[][][] outputs,
                         long timestamp) {
        int n = entries.size();
        float[][] gru = outputs[0];
        float[][] summary = outputs[1];
        long scoredAt = context().currentSystemTimeMs();
        for (int i = 0; i < n; i++) {
            BatchedSegment s = entries.get(i).value;
            float[] g = gru == null ? null : gru[i];
            float[] m = summary == null ? null : summary[i];
            double novelty = models.novelty().distance(summaries[i]);
            SegmentVote vote = models.voter().vote(g, m).withNovelty(novelty);
            double[] ensemble = models.voter().ensemble(g, m);
            List<ModelScore> modelScores = new ArrayList<>(2);
            if (g != null) {
                modelScores.add(new ModelScore(GRU, boxed(g)));
            }
            if (m != null) {
                modelScores.add(new ModelScore(SUMMARY, boxed(m)));
            }
            List<Float> ensembleList = new ArrayList<>(ensemble.length);
            for (double p : ensemble) {
                ensembleList.add((float) p);
            }
            SegmentScore score = SegmentScore.newBuilder()
                    .setTrackId(s.getStreamId())
                    .setSegmentIndex(s.getSegmentIndex())
                    .setStartSample(s.getStartSample())
                    .setEndSample(s.getEndSample())
                    .setStartSeconds(s.getStartSample() / (double) modelSampleRate)
                    .setEndSeconds(s.getEndSample() / (double) modelSampleRate)
                    .setSampleRate(modelSampleRate)
                    .setLabels(models.labels())
                    .setModelScores(modelScores)
                    .setEnsembleProbabilities(ensembleList)
                    .setVote(models.labels().get(vote.genre()))
                    .setVoteIndex(vote.genre())
                    .setBundleVersion(models.version())
                    .setLastChunkProducedAtMs(Instant.ofEpochMilli(s.getLastChunkProducedAtMs()))
                    .setScoredAtMs(Instant.ofEpochMilli(scoredAt))
                    .setNovelty(TrackVoting.measured(novelty))
                    .build();
            meters.segmentScored(s.getLastChunkProducedAtMs(), s.getEnqueuedAtMs(), scoredAt);
            context().forward(new Record<>(s.getStreamId(), new TrackEvent.Scored(s.getKind(), score, vote),
                    timestamp));
        }
    }

    private static float[][] matrix(float[] flat, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, m[r], 0, cols);
        }
        return m;
    }

    private static List<Float> boxed(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add(v);
        }
        return list;
    }

    static float[] floats(ByteBuffer buffer) {
        byte[] raw = new byte[buffer.remaining()];
        buffer.duplicate().get(raw);
        return PcmCodec.decodeF32le(raw);
    }

    @Override
    public void close() {
        if (scorer != null) {
            scorer.close();
            scorer = null;
        }
    }
}
