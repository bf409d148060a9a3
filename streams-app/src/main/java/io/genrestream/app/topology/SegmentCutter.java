package io.genrestream.app.topology;

import io.genrestream.app.state.AudioBlock;
import io.genrestream.app.state.BlockEncoding;
import io.genrestream.app.state.SegmenterState;
import io.genrestream.audio.AudioResampler;
import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.features.FeatureConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts each stream's ordered audio into segments of {@code segmentSeconds}, one every {@code hopSeconds}.
 *
 * <p>Audio path: each chunk's PCM is decoded (float samples clipped to [-1, 1]) and downmixed to mono (mean of the channels, as
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
 * <p>State per stream: one {@link SegmenterState} of positions (about 50 bytes) in {@code segment-tails}, and the
 * audio not yet passed by a segment start as {@link AudioBlock}s in {@code segment-audio}, one per chunk, each written
 * once (16-bit mono chunks keep their own bytes, others are stored as mono float32) and deleted once no segment
 * needs it. So the state store and its changelog take about the input's own bytes per audio second (44 kB/s for
 * 22.05 kHz mono 16-bit), not a rewrite of the whole tail per chunk; the blocks are read back once per cut. At most
 * one segment plus one chunk of audio is kept per stream: it does not grow with the stream's length.
 *
 * <p>Why raw audio and not the unfinished frame tail plus finished frame features: the features follow librosa on
 * each segment as a whole (centred STFT reflected at the segment's own edges, the MFCC's top_db floor and the chroma
 * tuning taken over the segment, HPSS over the segment), so no frame is final before its segment is complete; and the
 * samples are the smallest exact form of that state: a 3 s segment is 132 kB of 16-bit PCM, its 130 power spectra
 * would be 533 kB of floats. Measured in docs/benchmarks.md (state changelog bytes per audio second).
 */
final class SegmentCutter extends ContextualProcessor<String, TrackEvent, String, TrackEvent> {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final PipelineSettings settings;
    private final FeatureConfig features;
    private KeyValueStore<String, SegmenterState> tails;
    private KeyValueStore<String, AudioBlock> audio;

    private final PipelineMeters meters;

    SegmentCutter(PipelineSettings settings, FeatureConfig features, PipelineMeters meters) {
        this.settings = settings;
        this.features = features;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, TrackEvent> context) {
        super.init(context);
        tails = context.getStateStore(GenreTopology.SEGMENT_STORE);
        audio = context.getStateStore(GenreTopology.AUDIO_STORE);
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
        if (!chunk.getPcm().hasRemaining()) {
            // an end marker without audio: its format fields are unchecked (ChunkRules), so nothing is decoded
            if (state != null) {
                state.setLastChunkProducedAtMs(chunk.getProducedAtMs().toEpochMilli());
                tails.put(id, state);
            }
            return;
        }
        if (state == null) {
            state = SegmenterState.newBuilder().setKind(chunk.getKind().name()).setSampleRate(chunk.getSampleRate())
                    .setTailStartSample(0).setTailSamples(0).setCoveredUntil(0).setNextIndex(0)
                    .setLastChunkProducedAtMs(0).build();
        }
        AudioBlock block = block(chunk, meters);
        long blockStart = state.getTailStartSample() + state.getTailSamples();
        audio.put(StreamKeys.key(id, blockStart), block);
        state.setTailSamples(state.getTailSamples() + sampleCount(block));
        state.setLastChunkProducedAtMs(chunk.getProducedAtMs().toEpochMilli());
        int rate = state.getSampleRate();
        int segment = sourceSamples(settings.segmentSeconds(), rate);
        if (state.getTailSamples() >= segment) {
            int hop = sourceSamples(settings.hopSeconds(), rate);
            float[] tail = tail(id, state);
            int offset = 0;
            while (tail.length - offset >= segment) {
                float[] cut = new float[segment];
                System.arraycopy(tail, offset, cut, 0, segment);
                long start = state.getTailStartSample() + offset;
                emitSegment(id, state, cut, start, segment, record);
                state.setCoveredUntil(start + segment);
                offset += hop;
            }
            state.setTailStartSample(state.getTailStartSample() + offset);
            state.setTailSamples(state.getTailSamples() - offset);
            deleteBlocksBefore(id, state.getTailStartSample());
        }
        tails.put(id, state);
    }

    private void skip(String id, TrackEvent.GapSkipped gap) {
        SegmenterState state = tails.get(id);
        if (state == null) {
            return; // the gap precedes the first chunk: positions start at the first chunk received
        }
        long restart = state.getTailStartSample() + state.getTailSamples() + gap.skippedFrames();
        deleteBlocksBefore(id, Long.MAX_VALUE);
        state.setTailSamples(0);
        state.setTailStartSample(restart);
        state.setCoveredUntil(restart);
        tails.put(id, state);
    }

    private void finish(String id, TrackEvent.StreamEnd end, Record<String, TrackEvent> record) {
        SegmenterState state = tails.get(id);
        double duration = 0;
        if (state != null) {
            int rate = state.getSampleRate();
            long tailEnd = state.getTailStartSample() + state.getTailSamples();
            long uncovered = tailEnd - Math.max(state.getCoveredUntil(), state.getTailStartSample());
            if (uncovered > 0 && uncovered >= settings.minFinalSegmentSeconds() * rate) {
                float[] tail = tail(id, state);
                int segment = sourceSamples(settings.segmentSeconds(), rate);
                float[] padded = new float[segment];
                System.arraycopy(tail, 0, padded, 0, Math.min(segment, tail.length));
                emitSegment(id, state, padded, state.getTailStartSample(), tail.length, record);
            } else if (uncovered > 0) {
                meters.count(PipelineMeters.Event.SHORT_FINAL_SEGMENTS_DROPPED);
            }
            duration = tailEnd / (double) rate;
            deleteBlocksBefore(id, Long.MAX_VALUE);
            tails.delete(id);
        }
        context().forward(record.withValue(end.withDuration(duration)));
    }

    /** The buffered audio from {@code tailStartSample} on, assembled from the stream's blocks. */
    private float[] tail(String id, SegmenterState state) {
        long from = state.getTailStartSample();
        float[] tail = new float[Math.toIntExact(state.getTailSamples())];
        try (KeyValueIterator<String, AudioBlock> it = audio.prefixScan(StreamKeys.prefix(id), KEY_SERIALIZER)) {
            while (it.hasNext()) {
                KeyValue<String, AudioBlock> kv = it.next();
                float[] samples = samples(kv.value);
                long start = StreamKeys.position(kv.key);
                int skip = (int) Math.max(0, from - start);
                int at = (int) Math.max(0, start - from);
                int n = Math.min(samples.length - skip, tail.length - at);
                if (n > 0) {
                    System.arraycopy(samples, skip, tail, at, n);
                }
            }
        }
        return tail;
    }

    /** Deletes the stream's blocks that end at or before {@code position}. */
    private void deleteBlocksBefore(String id, long position) {
        List<String> done = new ArrayList<>();
        try (KeyValueIterator<String, AudioBlock> it = audio.prefixScan(StreamKeys.prefix(id), KEY_SERIALIZER)) {
            while (it.hasNext()) {
                KeyValue<String, AudioBlock> kv = it.next();
                long end = StreamKeys.position(kv.key) + sampleCount(kv.value);
                if (end > position) {
                    break;
                }
                done.add(kv.key);
            }
        }
        done.forEach(audio::delete);
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

    /**
     * A chunk's mono audio as stored: mono 16-bit chunks keep their bytes, the rest become a float32 downmix. Float
     * samples beyond full scale are clipped to [-1, 1] (counted), as a player would clip them.
     */
    private static AudioBlock block(AudioChunk chunk, PipelineMeters meters) {
        byte[] pcm = new byte[chunk.getPcm().remaining()];
        chunk.getPcm().duplicate().get(pcm);
        if (chunk.getSampleFormat() == SampleFormat.PCM_S16LE && chunk.getChannels() == 1) {
            return new AudioBlock(BlockEncoding.S16LE, ByteBuffer.wrap(pcm));
        }
        float[] interleaved;
        if (chunk.getSampleFormat() == SampleFormat.PCM_F32LE) {
            interleaved = PcmCodec.decodeF32le(pcm);
            meters.samplesClipped(PcmCodec.clipToFullScale(interleaved));
        } else {
            interleaved = PcmCodec.decodeS16le(pcm);
        }
        float[] mono = PcmCodec.downmix(interleaved, chunk.getChannels());
        return new AudioBlock(BlockEncoding.F32LE, ByteBuffer.wrap(PcmCodec.encodeF32le(mono)));
    }

    /** The block's length in mono samples, read from its byte count: deciding what to cut or delete decodes nothing. */
    private static int sampleCount(AudioBlock block) {
        return block.getPcm().remaining() / (block.getEncoding() == BlockEncoding.S16LE ? Short.BYTES : Float.BYTES);
    }

    private static float[] samples(AudioBlock block) {
        byte[] raw = new byte[block.getPcm().remaining()];
        block.getPcm().duplicate().get(raw);
        return block.getEncoding() == BlockEncoding.S16LE ? PcmCodec.decodeS16le(raw) : PcmCodec.decodeF32le(raw);
    }
}
