package io.genrestream.app.topology;

import io.genrestream.app.state.AvroStateSerde;
import io.genrestream.app.state.OrderState;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.FinishReason;
import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamKind;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Puts each stream's chunks in sequence order (sequences start at 0), drops duplicates, holds out-of-order chunks
 * and decides when a stream ends.
 *
 * <p>Rules (all counted in {@link PipelineMeters}):
 * <ul>
 *   <li>A chunk whose sequence was already passed or is already held is a duplicate and dropped.</li>
 *   <li>Except on a live stream, when the sequence is more than {@code maxHeldChunks} behind: that is not a retried
 *       chunk (retries are within the producer's in-flight window) but a producer that restarted its numbering, e.g.
 *       after a process restart. The stream continues from that chunk as after a skipped gap (held chunks of the old
 *       numbering are dropped, the segment restarts), instead of dropping a restarted station until its new numbers
 *       catch up with the old ones.</li>
 *   <li>A chunk ahead of the expected sequence is held in store {@link GenreTopology#HELD_STORE}. A gap that stays
 *       open longer than {@code reorderGrace} (wall clock), or more than {@code maxHeldChunks} /
 *       {@code maxHeldBytes} held, is <b>skipped</b>: the stream continues at the lowest held chunk and the
 *       segmenter drops its unfinished tail and restarts its segment there, so no segment ever joins audio across a
 *       hole and no audio is invented. Stream positions advance by the estimated missing length (missing chunks x
 *       frames of the last chunk), so later segments keep their place on the timeline.</li>
 *   <li>The end marker, reached in order, ends a track ({@code END_OF_TRACK}). A stream with no chunk for
 *       {@code inactivityTimeout} (wall clock) is ended with {@code INACTIVITY_TIMEOUT} after its held chunks are
 *       released (skipping their gaps): an abandoned upload gets its verdict, a silent live stream expires.</li>
 *   <li>At most {@code maxOpenTracks} streams are open per task: a new one ends the least recently active first
 *       (as an inactivity timeout).</li>
 *   <li>An ended stream is remembered for {@code finishedRetention}: later chunks of a track are dropped as late (so
 *       a track gets exactly one verdict); a live stream that comes back starts a new session at its sequence.</li>
 * </ul>
 *
 * <p>State per stream: one {@link OrderState} (about 150 bytes) plus the held chunks, at most
 * {@code maxHeldChunks} records and {@code maxHeldBytes} of PCM (plus one transiently).
 */
final class ChunkSequencer extends ContextualProcessor<String, AudioChunk, String, TrackEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkSequencer.class);
    private static final AvroStateSerde<SourceMetadata> SOURCE_SERDE = AvroStateSerde.of(SourceMetadata.class);

    private final PipelineSettings settings;
    private KeyValueStore<String, OrderState> orders;
    private KeyValueStore<String, AudioChunk> held;
    private int openStreams;

    private final PipelineMeters meters;
    private String taskId;

    ChunkSequencer(PipelineSettings settings, PipelineMeters meters) {
        this.settings = settings;
        this.meters = meters;
    }

    /** Key of a held chunk, ordered by sequence within the stream. */
    static String heldKey(String streamId, long sequence) {
        return StreamKeys.key(streamId, sequence);
    }

    @Override
    public void close() {
        meters.taskClosed(taskId);
    }

    @Override
    public void init(ProcessorContext<String, TrackEvent> context) {
        super.init(context);
        orders = context.getStateStore(GenreTopology.ORDER_STORE);
        held = context.getStateStore(GenreTopology.HELD_STORE);
        openStreams = 0;
        try (KeyValueIterator<String, OrderState> all = orders.all()) {
            all.forEachRemaining(kv -> openStreams += kv.value.getFinished() ? 0 : 1);
        }
        taskId = context.taskId().toString();
        meters.openStreams(taskId, openStreams);
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, AudioChunk> record) {
        String id = record.key();
        AudioChunk chunk = record.value();
        long now = context().currentSystemTimeMs();
        OrderState state = orders.get(id);
        if (state != null && state.getFinished()) {
            if (chunk.getKind() == StreamKind.TRACK) {
                meters.count(PipelineMeters.Event.LATE_CHUNKS);
                LOG.debug("Dropping chunk {} of finished track {}", chunk.getSequence(), id);
                return;
            }
            // a live stream coming back after it expired starts a new session where it is
            state = open(id, chunk, chunk.getSequence(), now, record.timestamp());
        } else if (state == null) {
            state = open(id, chunk, 0, now, record.timestamp());
        }
        state.setLastSeenMs(now);
        if (state.getSource() == null && chunk.getSource() != null) {
            state.setSource(ByteBuffer.wrap(SOURCE_SERDE.serialize(null, chunk.getSource())));
        }
        long seq = chunk.getSequence();
        if (StreamKind.LIVE.name().equals(state.getKind())
                && seq < state.getNextSequence() - settings.maxHeldChunks()) {
            restartNumbering(id, state, seq, record.timestamp());
        }
        if (seq < state.getNextSequence() || held.get(heldKey(id, seq)) != null) {
            meters.count(PipelineMeters.Event.DUPLICATE_CHUNKS);
            LOG.debug("Dropping duplicate chunk {} of stream {}", seq, id);
        } else if (seq == state.getNextSequence()) {
            emit(id, state, chunk, record.timestamp());
            drain(id, state, record.timestamp());
        } else {
            hold(id, state, chunk, record.timestamp());
        }
        orders.put(id, state);
    }

    private OrderState open(String id, AudioChunk chunk, long first, long now, long timestamp) {
        if (openStreams >= settings.maxOpenTracks()) {
            evictLeastRecentlyActive(timestamp);
        }
        openStreams++;
        meters.openStreams(taskId, openStreams);
        return OrderState.newBuilder()
                .setKind(chunk.getKind().name())
                .setSampleRate(chunk.getSampleRate())
                .setChannels(chunk.getChannels())
                .setSampleFormat(chunk.getSampleFormat().name())
                .setNextSequence(first)
                .setHeldCount(0)
                .setHeldBytes(0)
                .setGapSinceMs(-1)
                .setLastSeenMs(now)
                .setFirstChunkAtMs(chunk.getProducedAtMs().toEpochMilli())
                .setLastChunkFrames(0)
                .setFinished(false)
                .setFinishedAtMs(-1)
                .setSource(null)
                .build();
    }

    private void hold(String id, OrderState state, AudioChunk chunk, long timestamp) {
        held.put(heldKey(id, chunk.getSequence()), chunk);
        state.setHeldCount(state.getHeldCount() + 1);
        state.setHeldBytes(state.getHeldBytes() + chunk.getPcm().remaining());
        if (state.getGapSinceMs() < 0) {
            state.setGapSinceMs(context().currentSystemTimeMs());
        }
        while (!state.getFinished() && state.getHeldCount() > 0 && (state.getHeldCount() > settings.maxHeldChunks()
                || state.getHeldBytes() > settings.maxHeldBytes())) {
            skipGap(id, state, timestamp);
        }
    }

    /** Forwards an in-order chunk; ends the stream on its end marker. */
    private void emit(String id, OrderState state, AudioChunk chunk, long timestamp) {
        context().forward(new Record<>(id, new TrackEvent.OrderedChunk(chunk), timestamp));
        state.setNextSequence(chunk.getSequence() + 1);
        int frameBytes = ChunkRules.bytesPerSample(chunk.getSampleFormat()) * chunk.getChannels();
        if (chunk.getPcm().remaining() > 0) {
            state.setLastChunkFrames(chunk.getPcm().remaining() / frameBytes);
        }
        if (chunk.getEndOfTrack()) {
            finish(id, state, FinishReason.END_OF_TRACK, timestamp);
        }
    }

    /** Releases held chunks that are now in order. */
    private void drain(String id, OrderState state, long timestamp) {
        while (!state.getFinished() && state.getHeldCount() > 0) {
            String key = heldKey(id, state.getNextSequence());
            AudioChunk next = held.delete(key);
            if (next == null) {
                break;
            }
            state.setHeldCount(state.getHeldCount() - 1);
            state.setHeldBytes(state.getHeldBytes() - next.getPcm().remaining());
            emit(id, state, next, timestamp);
        }
        if (!state.getFinished()) {
            // a remaining held chunk means a new gap: its grace starts now
            state.setGapSinceMs(state.getHeldCount() > 0 ? context().currentSystemTimeMs() : -1);
        }
    }

    /** Deletes every held chunk of the stream; returns how many there were. */
    private int dropHeld(String id) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, AudioChunk> it = held.prefixScan(StreamKeys.prefix(id), new StringSerializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(held::delete);
        return keys.size();
    }

    /** A live producer restarted its sequence numbers at {@code seq}: continue from there (rule in the class comment). */
    private void restartNumbering(String id, OrderState state, long seq, long timestamp) {
        meters.count(PipelineMeters.Event.SEQUENCE_RESTARTS);
        LOG.info("Stream {}: sequence restarted at {} (expected {}): continuing from it", id, seq,
                state.getNextSequence());
        dropHeld(id);
        state.setHeldCount(0);
        state.setHeldBytes(0);
        state.setGapSinceMs(-1);
        context().forward(new Record<>(id, new TrackEvent.GapSkipped(0, 0), timestamp));
        state.setNextSequence(seq);
    }

    /** Gives up on the missing chunks before the lowest held one (rule in the class comment). */
    private void skipGap(String id, OrderState state, long timestamp) {
        long lowest;
        try (KeyValueIterator<String, AudioChunk> it = held.prefixScan(StreamKeys.prefix(id), new StringSerializer())) {
            if (!it.hasNext()) {
                return;
            }
            lowest = it.next().value.getSequence();
        }
        long missing = lowest - state.getNextSequence();
        meters.count(PipelineMeters.Event.GAPS_SKIPPED);
        LOG.info("Stream {}: skipping {} missing chunk(s) {}..{}", id, missing, state.getNextSequence(), lowest - 1);
        context().forward(new Record<>(id, new TrackEvent.GapSkipped(missing, missing * state.getLastChunkFrames()),
                timestamp));
        state.setNextSequence(lowest);
        drain(id, state, timestamp);
    }

    private void finish(String id, OrderState state, FinishReason reason, long timestamp) {
        int leftovers = dropHeld(id);
        for (int i = 0; i < leftovers; i++) {
            meters.count(PipelineMeters.Event.LATE_CHUNKS);
        }
        state.setHeldCount(0);
        state.setHeldBytes(0);
        state.setGapSinceMs(-1);
        state.setFinished(true);
        state.setFinishedAtMs(context().currentSystemTimeMs());
        openStreams--;
        meters.openStreams(taskId, openStreams);
        SourceMetadata source = state.getSource() == null ? null
                : SOURCE_SERDE.deserialize(null, bytes(state.getSource()));
        context().forward(new Record<>(id, new TrackEvent.StreamEnd(state.getKind(), reason,
                state.getFirstChunkAtMs(), source, 0), timestamp));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Releases every held chunk (skipping gaps) and ends the stream for inactivity. */
    private void expire(String id, OrderState state, long timestamp) {
        while (!state.getFinished() && state.getHeldCount() > 0) {
            skipGap(id, state, timestamp);
        }
        if (!state.getFinished()) {
            finish(id, state, FinishReason.INACTIVITY_TIMEOUT, timestamp);
        }
        orders.put(id, state);
    }

    private void evictLeastRecentlyActive(long timestamp) {
        KeyValue<String, OrderState> oldest = null;
        try (KeyValueIterator<String, OrderState> all = orders.all()) {
            while (all.hasNext()) {
                KeyValue<String, OrderState> kv = all.next();
                if (!kv.value.getFinished() && (oldest == null
                        || kv.value.getLastSeenMs() < oldest.value.getLastSeenMs())) {
                    oldest = kv;
                }
            }
        }
        if (oldest != null) {
            meters.count(PipelineMeters.Event.STREAMS_EVICTED);
            LOG.warn("{} open streams reached the cap: ending the least recently active, {}",
                    settings.maxOpenTracks(), oldest.key);
            expire(oldest.key, oldest.value, timestamp);
        }
    }

    private void punctuate(long now) {
        List<KeyValue<String, OrderState>> streams = new ArrayList<>();
        try (KeyValueIterator<String, OrderState> all = orders.all()) {
            all.forEachRemaining(streams::add);
        }
        for (KeyValue<String, OrderState> kv : streams) {
            OrderState state = kv.value;
            if (state.getFinished()) {
                if (now - state.getFinishedAtMs() >= settings.finishedRetention().toMillis()) {
                    orders.delete(kv.key);
                }
            } else if (now - state.getLastSeenMs() >= settings.inactivityTimeout().toMillis()) {
                meters.count(PipelineMeters.Event.STREAMS_TIMED_OUT);
                LOG.info("Stream {} inactive for {} ms: ending it", kv.key, now - state.getLastSeenMs());
                expire(kv.key, state, now);
            } else if (state.getGapSinceMs() >= 0
                    && now - state.getGapSinceMs() >= settings.reorderGrace().toMillis()) {
                skipGap(kv.key, state, now);
                orders.put(kv.key, state);
            }
        }
    }
}
