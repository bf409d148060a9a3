package io.genrestream.app.topology;

import io.genrestream.app.state.BatchedSegment;
import io.genrestream.app.state.StatisticsRing;
import io.genrestream.app.state.StoredMoments;
import io.genrestream.app.state.StoredStatistics;
import io.genrestream.audio.PcmCodec;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.Moments;
import io.genrestream.features.SegmentFeatures;
import io.genrestream.features.SegmentStatistics;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes each segment's model inputs with genre-core's {@link FeatureExtractor}: the frame matrix for the GRU, and
 * the summary row (the bundle's columns, {@link FeatureExtractor#summaryRow}) of the merged {@link SegmentStatistics}
 * of the stream's last {@code summaryWindowSeconds} (this segment included) for the summary model. With overlapping segments only every
 * {@link PipelineSettings#summaryStride()}-th segment is merged, so no audio counts twice.
 *
 * <p>The two costly summary features can be traded for throughput ({@link PipelineSettings#hpssEverySegments()},
 * {@link PipelineSettings#tempoEverySegments()}, both 1 = exact by default): harmony and perceptr then come from the
 * harmonic/percussive separation of one summary segment in N (the window's moments are those of that subsample,
 * {@link SegmentStatistics#mergeAvailable}), and the tempo of the window is re-estimated every N segments and reused
 * in between; each stream has its own phase, so the costly segments of many streams do not coincide. Without
 * those, a segment's features cost a few ms; the separation costs about 7 ms and the tempo of a
 * 30 s window about 1.6 ms (docs/benchmarks.md B). The rhythm columns of an extended bundle come from the same window's onset
 * envelope on every segment; they cost far less than the tempo.
 *
 * <p>State per stream ({@link StatisticsRing}): the statistics of the last
 * {@code summaryWindowSegments x summaryStride} segments, about 1.5 kB each (15 kB at the defaults; 30 more moments
 * each, about 2.4 kB, with an extended bundle's contrast, balance and tonality columns), and the last tempo; nothing
 * else.
 */
final class FeatureStage extends ContextualProcessor<String, TrackEvent, String, TrackEvent> {

    private final PipelineSettings settings;
    private final FeatureExtractor extractor;
    private final FeatureExtractor withoutHpss;
    private KeyValueStore<String, StatisticsRing> rings;

    /**
     * @param extractor   the full extractor
     * @param withoutHpss the same configuration without the harmonic/percussive separation, for the segments that
     *                    skip it
     */
    FeatureStage(PipelineSettings settings, FeatureExtractor extractor, FeatureExtractor withoutHpss) {
        this.settings = settings;
        this.extractor = extractor;
        this.withoutHpss = withoutHpss;
    }

    @Override
    public void init(ProcessorContext<String, TrackEvent> context) {
        super.init(context);
        rings = context.getStateStore(GenreTopology.STATISTICS_STORE);
    }

    @Override
    public void process(Record<String, TrackEvent> record) {
        if (record.value() instanceof TrackEvent.Segment segment) {
            context().forward(record.withValue(new TrackEvent.Featured(featured(record.key(), segment))));
        } else if (record.value() instanceof TrackEvent.StreamEnd) {
            rings.delete(record.key());
            context().forward(record);
        } else {
            throw new IllegalStateException("feature stage got " + record.value().getClass().getSimpleName());
        }
    }

    private BatchedSegment featured(String id, TrackEvent.Segment segment) {
        boolean separate = settings.separatesHarmonicPercussive(id, segment.index());
        SegmentFeatures features = (separate ? extractor : withoutHpss).extract(segment.samples());
        StatisticsRing ring = rings.get(id);
        List<StoredStatistics> kept = ring == null ? new ArrayList<>() : new ArrayList<>(ring.getSegments());
        kept.add(store(segment.index(), features.statistics()));
        int capacity = settings.summaryWindowSegments() * settings.summaryStride();
        while (kept.size() > capacity) {
            kept.remove(0);
        }

        int stride = settings.summaryStride();
        List<SegmentStatistics> window = new ArrayList<>();
        for (StoredStatistics s : kept) {
            if (Math.floorMod(segment.index() - s.getIndex(), stride) == 0) {
                window.add(restore(s));
            }
        }
        SegmentStatistics merged = SegmentStatistics.mergeAvailable(window);
        double tempo = ring == null ? -1 : ring.getTempo();
        if (tempo < 0 || settings.reestimatesTempo(id, segment.index())) {
            tempo = extractor.tempo(merged);
        }
        rings.put(id, new StatisticsRing(kept, tempo));
        float[] summary = extractor.summaryRow(merged, tempo);
        float[][] frames = features.frameMatrix();
        int cols = frames.length == 0 ? 0 : frames[0].length;
        float[] flat = new float[frames.length * cols];
        for (int r = 0; r < frames.length; r++) {
            System.arraycopy(frames[r], 0, flat, r * cols, cols);
        }
        return BatchedSegment.newBuilder()
                .setStreamId(id)
                .setKind(segment.kind())
                .setSegmentIndex(segment.index())
                .setStartSample(segment.startSample())
                .setEndSample(segment.endSample())
                .setFrameRows(frames.length)
                .setFrameCols(cols)
                .setFrames(ByteBuffer.wrap(PcmCodec.encodeF32le(flat)))
                .setSummary(ByteBuffer.wrap(PcmCodec.encodeF32le(summary)))
                .setLastChunkProducedAtMs(segment.lastChunkProducedAtMs())
                .setEnqueuedAtMs(0)
                .build();
    }

    private static StoredStatistics store(int index, SegmentStatistics stats) {
        List<StoredMoments> moments = new ArrayList<>();
        stats.streams().forEach((name, m) -> moments.add(new StoredMoments(name, m.count(), m.sum(),
                m.sumOfSquares())));
        return new StoredStatistics(index, moments, ByteBuffer.wrap(PcmCodec.encodeF32le(stats.onsetEnvelope())));
    }

    private static SegmentStatistics restore(StoredStatistics s) {
        Map<String, Moments> streams = new LinkedHashMap<>();
        for (StoredMoments m : s.getMoments()) {
            streams.put(m.getStream(), new Moments(m.getCount(), m.getSum(), m.getSumOfSquares()));
        }
        return new SegmentStatistics(streams, SegmentScoring.floats(s.getOnsetEnvelope()));
    }
}
