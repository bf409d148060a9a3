package io.genrestream.app.topology;

import io.genrestream.app.state.SegmenterState;
import io.genrestream.audio.AudioResampler;
import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.features.FeatureConfig;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;

/**
 * Cuts each stream's ordered audio into segments of {@code segmentSeconds}, one every {@code hopSeconds}.
 *
 * <p>Audio path: each chunk's PCM is decoded and downmixed to mono (mean of the channels, as
 * {@code librosa.to_mono}) at its own sample rate and appended to the stream's tail. Once the tail holds a segment's
 * worth of source samples, that segment is cut and resampled on its own to the model rate with genre-core's
 * band-limited {@link AudioResampler}, then fitted to exactly {@link FeatureConfig#segmentSamples()} samples (the
 * resampler may give one more or less). Resampling per segment keeps no resampler state between chunks (so nothing
 * but samples is stored), at the cost of the filter seeing no audio beyond the segment's edges.
 *
 * <p>End of stream: the audio after the last segment (its "uncovered" part) becomes a final segment, zero-padded to
 * full length, when it lasts at least {@code minFinalSegmentSeconds}; shorter rests are dropped (counted): a mostly
 * silent segment would vote on padding, not music.
 *
 * <p>After a skipped gap the tail is dropped and the next segment starts after the gap.
 *
 * <p>State per stream ({@link SegmenterState}): the tail, fewer samples than one segment at the source rate, as mono
 * float32: at most {@code segmentSeconds x sampleRate x 4} bytes (529 kB at 3 s and 44.1 kHz, 265 kB at 22.05 kHz),
 * plus about 40 bytes of positions. It does not grow with the stream's length.
 */
final class SegmentCutter extends ContextualProcessor<String, TrackEvent, String, TrackEvent> {

    private final PipelineSettings settings;
    private final FeatureConfig features;
    private KeyValueStore<String, SegmenterState> tails;
    private Sensor droppedFinal;

    SegmentCutter(PipelineSettings settings, FeatureConfig features) {
        this.settings = settings;
        this.features = features;
    }

    @Override
    public void init(ProcessorContext<String, TrackEvent> context) {
        super.init(context);
        tails = context.getStateStore(GenreTopology.SEGMENT_STORE);
        droppedFinal = new PipelineMetrics(context).sensor(PipelineMetrics.SEGMENTS_DROPPED);
    }

    @Override
    public void process(Record<String, TrackEvent> record) {
        String id = record.key();
        TrackEvent event = record.value();
        if (event instanceof TrackEvent.OrderedChunk c) {
            append(id, c.chunk(), record);
        } else if (event instanceof TrackEvent.GapSkipped g) {
            skip(id, g);
        } else if (event instanceof TrackEvent.StreamEnd end) {
            finish(id, end, record);
        } else {
            throw new IllegalStateException("segmenter got " + event.getClass().getSimpleName());
        }
    }

    private void append(String id, AudioChunk chunk, Record<String, TrackEvent> record) {
        SegmenterState state = tails.get(id);
        if (state == null) {
            state = SegmenterState.newBuilder().setKind(chunk.getKind().name()).setSampleRate(chunk.getSampleRate())
                    .setTail(ByteBuffer.allocate(0)).setTailStartSample(0).setCoveredUntil(0).setNextIndex(0)
                    .setLastChunkProducedAtMs(0).build();
        }
        float[] mono = PcmCodec.downmix(decode(chunk), chunk.getChannels());
        float[] old = floats(state.getTail());
        float[] tail = new float[old.length + mono.length];
        System.arraycopy(old, 0, tail, 0, old.length);
        System.arraycopy(mono, 0, tail, old.length, mono.length);
        state.setLastChunkProducedAtMs(chunk.getProducedAtMs().toEpochMilli());
        int rate = state.getSampleRate();
        int segment = sourceSamples(settings.segmentSeconds(), rate);
        int hop = sourceSamples(settings.hopSeconds(), rate);
        int offset = 0;
        while (tail.length - offset >= segment) {
            float[] cut = new float[segment];
            System.arraycopy(tail, offset, cut, 0, segment);
            long start = state.getTailStartSample() + offset;
            emitSegment(id, state, cut, start, segment, record);
            state.setCoveredUntil(start + segment);
            offset += hop;
        }
        float[] rest = new float[tail.length - offset];
        System.arraycopy(tail, offset, rest, 0, rest.length);
        state.setTail(bytes(rest));
        state.setTailStartSample(state.getTailStartSample() + offset);
        tails.put(id, state);
    }

    private void skip(String id, TrackEvent.GapSkipped gap) {
        SegmenterState state = tails.get(id);
        if (state == null) {
            return; // the gap precedes the first chunk: positions start at the first chunk received
        }
        long restart = state.getTailStartSample() + floats(state.getTail()).length + gap.skippedFrames();
        state.setTail(ByteBuffer.allocate(0));
        state.setTailStartSample(restart);
        state.setCoveredUntil(restart);
        tails.put(id, state);
    }

    private void finish(String id, TrackEvent.StreamEnd end, Record<String, TrackEvent> record) {
        SegmenterState state = tails.get(id);
        double duration = 0;
        if (state != null) {
            int rate = state.getSampleRate();
            float[] tail = floats(state.getTail());
            long tailEnd = state.getTailStartSample() + tail.length;
            long uncovered = tailEnd - Math.max(state.getCoveredUntil(), state.getTailStartSample());
            if (uncovered > 0 && uncovered >= settings.minFinalSegmentSeconds() * rate) {
                int segment = sourceSamples(settings.segmentSeconds(), rate);
                float[] padded = new float[segment];
                System.arraycopy(tail, 0, padded, 0, Math.min(segment, tail.length));
                emitSegment(id, state, padded, state.getTailStartSample(), tail.length, record);
            } else if (uncovered > 0) {
                droppedFinal.record();
            }
            duration = tailEnd / (double) rate;
            tails.delete(id);
        }
        context().forward(record.withValue(end.withDuration(duration)));
    }

    /** Resamples a cut segment to the model rate and forwards it; {@code audible} source samples are real audio. */
    private void emitSegment(String id, SegmenterState state, float[] cut, long startSource, int audible,
                             Record<String, TrackEvent> record) {
        int rate = state.getSampleRate();
        int target = features.sampleRate();
        float[] resampled = AudioResampler.resample(cut, rate, target);
        float[] exact = new float[features.segmentSamples()];
        System.arraycopy(resampled, 0, exact, 0, Math.min(exact.length, resampled.length));
        long start = Math.round(startSource * (double) target / rate);
        long end = start + Math.min(exact.length, Math.round(audible * (double) target / rate));
        int index = state.getNextIndex();
        state.setNextIndex(index + 1);
        context().forward(record.withValue(new TrackEvent.Segment(state.getKind(), index, start, end, exact,
                state.getLastChunkProducedAtMs())));
    }

    private static int sourceSamples(double seconds, int rate) {
        return (int) Math.round(seconds * rate);
    }

    private static float[] decode(AudioChunk chunk) {
        byte[] pcm = new byte[chunk.getPcm().remaining()];
        chunk.getPcm().duplicate().get(pcm);
        return chunk.getSampleFormat() == SampleFormat.PCM_F32LE ? PcmCodec.decodeF32le(pcm)
                : PcmCodec.decodeS16le(pcm);
    }

    private static float[] floats(ByteBuffer buffer) {
        byte[] raw = new byte[buffer.remaining()];
        buffer.duplicate().get(raw);
        return PcmCodec.decodeF32le(raw);
    }

    private static ByteBuffer bytes(float[] samples) {
        return ByteBuffer.wrap(PcmCodec.encodeF32le(samples));
    }
}
