package io.genrestream.app.topology;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.app.state.StoredVote;
import io.genrestream.app.state.VoteState;
import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.GenreChange;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.StreamGenre;
import io.genrestream.avro.StreamKind;
import io.genrestream.avro.TieBreak;
import io.genrestream.avro.TrackGenre;
import io.genrestream.vote.Calibration;
import io.genrestream.vote.GenreChangeDetector;
import io.genrestream.vote.RollingVoteWindow;
import io.genrestream.vote.SegmentVote;
import io.genrestream.vote.TrackVerdict;
import io.genrestream.vote.VerdictRule;
import io.genrestream.vote.VoteTally;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Votes per stream with genre-core's vote code and emits the verdicts:
 * <ul>
 *   <li>TRACK: each segment's vote is stored; when the stream ends (end marker or inactivity) the votes are tallied
 *       ({@link VoteTally}, decided by {@link VerdictRule}: majority, then summed GRU softmax, then prior) and exactly
 *       one {@link TrackGenre} is emitted, even for a track too short for any segment (genre "unknown").</li>
 *   <li>LIVE: only the last {@code liveWindowSegments} votes are kept; after each segment the window's verdict
 *       ({@link RollingVoteWindow}) is emitted as a {@link StreamGenre}, and {@link GenreChangeDetector}'s hysteresis
 *       decides whether a {@link GenreChange} is emitted (the first genre of a stream counts as a change from
 *       "unknown"). An expired live stream's state is dropped without output.</li>
 * </ul>
 * A verdict whose confidence is below {@code unknownThreshold} is reported as genre "unknown".
 *
 * <p>State per stream: a {@link VoteState} (about 50 bytes) and one {@link StoredVote} per counted segment
 * (4 x labels + 25 bytes, 65 bytes with 10 labels): bounded by the window for live streams; for a track it grows by
 * one vote per segment (about 22 bytes a second of audio, in the store on disk) until its verdict deletes it.
 */
final class TrackVoting extends ContextualProcessor<String, TrackEvent, String, SpecificRecord> {

    private final PipelineSettings settings;
    private final SegmentModels models;
    private final VerdictRule rule;
    private final GenreChangeDetector detector;
    private KeyValueStore<String, VoteState> states;
    private KeyValueStore<String, StoredVote> votes;

    TrackVoting(PipelineSettings settings, SegmentModels models) {
        this.settings = settings;
        this.models = models;
        this.rule = rule(models, settings);
        this.detector = new GenreChangeDetector(settings.changeStreak(), settings.changeMinConfidence());
    }

    static String voteKey(String streamId, int index) {
        return StreamKeys.key(streamId, index);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        states = context.getStateStore(GenreTopology.VOTE_STATE_STORE);
        votes = context.getStateStore(GenreTopology.VOTES_STORE);
    }

    @Override
    public void process(Record<String, TrackEvent> record) {
        if (record.value() instanceof TrackEvent.Scored scored) {
            add(record.key(), scored, record);
        } else if (record.value() instanceof TrackEvent.StreamEnd end) {
            finish(record.key(), end, record);
        } else {
            throw new IllegalStateException("voter got " + record.value().getClass().getSimpleName());
        }
    }

    private void add(String id, TrackEvent.Scored scored, Record<String, TrackEvent> record) {
        SegmentScore score = scored.score();
        int index = score.getSegmentIndex();
        VoteState state = states.get(id);
        if (state == null) {
            state = VoteState.newBuilder().setKind(scored.kind()).setFirstIndex(index).setLastIndex(-1)
                    .setCurrent(null).setCandidate(null).setStreak(0).build();
        }
        votes.put(voteKey(id, index), StoredVote.newBuilder().setGenre(scored.vote().genre())
                .setGruSoftmax(ByteBuffer.wrap(PcmCodec.encodeF32le(scored.vote().gruSoftmax())))
                .setProbabilities(ByteBuffer.wrap(PcmCodec.encodeF32le(scored.vote().probabilities())))
                .setStartSeconds(score.getStartSeconds()).setEndSeconds(score.getEndSeconds())
                .setNovelty(measured(scored.vote().novelty())).build());
        state.setLastIndex(Math.max(state.getLastIndex(), index));
        if (StreamKind.LIVE.name().equals(state.getKind())) {
            int window = settings.liveWindowSegments();
            while (state.getLastIndex() - state.getFirstIndex() + 1 > window) {
                votes.delete(voteKey(id, state.getFirstIndex()));
                state.setFirstIndex(state.getFirstIndex() + 1);
            }
            rollingVerdict(id, state, record.timestamp());
        }
        states.put(id, state);
    }

    private void rollingVerdict(String id, VoteState state, long timestamp) {
        // the window's votes live in the store; rebuilding the tally from them (at most liveWindowSegments) keeps
        // the state a plain list of votes and the tally free of add/remove rounding residue
        RollingVoteWindow window = new RollingVoteWindow(settings.liveWindowSegments(), models.labels().size());
        double start = Double.NaN;
        double end = 0;
        for (StoredVote v : storedVotes(id)) {
            window.add(toVote(v));
            start = Double.isNaN(start) ? v.getStartSeconds() : start;
            end = v.getEndSeconds();
        }
        TrackVerdict verdict = rule.decide(window.tally());
        long now = context().currentSystemTimeMs();
        StreamGenre rolling = StreamGenre.newBuilder()
                .setStreamId(id)
                .setGenre(reported(verdict))
                .setConfidence(verdict.confidence())
                .setVotes(voteMap(verdict.votes()))
                .setWindowSeconds(settings.liveWindowSeconds())
                .setWindowStartSeconds(Double.isNaN(start) ? 0 : start)
                .setWindowEndSeconds(end)
                .setSegmentCount(verdict.segments())
                .setBundleVersion(models.version())
                .setAtMs(Instant.ofEpochMilli(now))
                .setNovelty(measured(verdict.novelty()))
                .build();
        context().forward(new Record<>(id, rolling, timestamp));
        GenreChangeDetector.Step step = detector.next(
                new GenreChangeDetector.State(state.getCurrent(), state.getCandidate(), state.getStreak()), verdict);
        state.setCurrent(step.state().current());
        state.setCandidate(step.state().candidate());
        state.setStreak(step.state().streak());
        if (step.change().isPresent()) {
            io.genrestream.vote.GenreChange change = step.change().get();
            context().forward(new Record<>(id, GenreChange.newBuilder()
                    .setStreamId(id)
                    .setFromGenre(change.from() == null ? PipelineSettings.UNKNOWN_GENRE : change.from())
                    .setToGenre(change.to())
                    .setAtSeconds(end)
                    .setAtMs(Instant.ofEpochMilli(now))
                    .setConfidence(change.confidence())
                    .setBundleVersion(models.version())
                    .build(), timestamp));
        }
    }

    private void finish(String id, TrackEvent.StreamEnd end, Record<String, TrackEvent> record) {
        try {
            forwardVerdict(id, end, record);
        } finally {
            // the stream has ended: its votes go even when its verdict failed (dead-lettered by
            // DeadLetterProcessingHandler), or they would stay in the store for good
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, StoredVote> it = votes.prefixScan(StreamKeys.prefix(id),
                    new StringSerializer())) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            keys.forEach(votes::delete);
            states.delete(id);
        }
    }

    private void forwardVerdict(String id, TrackEvent.StreamEnd end, Record<String, TrackEvent> record) {
        List<StoredVote> stored = storedVotes(id);
        if (StreamKind.TRACK.name().equals(end.kind())) {
            VoteTally tally = new VoteTally(models.labels().size());
            stored.forEach(v -> tally.add(toVote(v)));
            TrackVerdict verdict = rule.decide(tally);
            Map<String, Double> gruSums = new LinkedHashMap<>();
            for (int g = 0; g < models.labels().size(); g++) {
                gruSums.put(models.labels().get(g), tally.gruSum(g));
            }
            context().forward(new Record<>(id, TrackGenre.newBuilder()
                    .setTrackId(id)
                    .setGenre(reported(verdict))
                    .setConfidence(verdict.confidence())
                    .setVotes(voteMap(verdict.votes()))
                    .setTieBreak(tieBreak(verdict.tieBreak()))
                    .setGruSoftmaxSums(gruSums)
                    .setSegmentCount(verdict.segments())
                    .setDurationSeconds(end.durationSeconds())
                    .setBundleVersion(models.version())
                    .setFirstChunkAtMs(Instant.ofEpochMilli(end.firstChunkAtMs()))
                    .setFinishedAtMs(Instant.ofEpochMilli(context().currentSystemTimeMs()))
                    .setReason(end.reason())
                    .setSource(end.source())
                    .setNovelty(measured(verdict.novelty()))
                    .build(), record.timestamp()));
        }
    }

    private List<StoredVote> storedVotes(String id) {
        List<StoredVote> list = new ArrayList<>();
        try (KeyValueIterator<String, StoredVote> it = votes.prefixScan(StreamKeys.prefix(id), new StringSerializer())) {
            it.forEachRemaining(kv -> list.add(kv.value));
        }
        return list;
    }

    /**
     * The bundle's verdict rule: its track temperature and novelty check, and its unknown threshold unless the
     * settings set one.
     */
    static VerdictRule rule(SegmentModels models, PipelineSettings settings) {
        Calibration calibration = models.voter().calibration();
        return new VerdictRule(models.labels(), models.priors(), Double.isNaN(settings.unknownThreshold())
                ? calibration.unknownThreshold() : settings.unknownThreshold(), calibration.trackTemperature(),
                calibration.trackMap(), models.novelty());
    }

    /** A measured distance, or null (Avro's "not measured") for NaN. */
    static Double measured(double novelty) {
        return Double.isNaN(novelty) ? null : novelty;
    }

    static SegmentVote toVote(StoredVote v) {
        float[] gru = SegmentScoring.floats(v.getGruSoftmax());
        float[] probabilities = SegmentScoring.floats(v.getProbabilities());
        // a vote stored before votes carried ensemble probabilities: its GRU softmax stands in
        return new SegmentVote(v.getGenre(), gru, probabilities.length == 0 ? gru : probabilities)
                .withNovelty(v.getNovelty() == null ? Double.NaN : v.getNovelty());
    }

    static String reported(TrackVerdict verdict) {
        return verdict.status() == TrackVerdict.Status.DECIDED ? verdict.genre() : PipelineSettings.UNKNOWN_GENRE;
    }

    private Map<String, Integer> voteMap(int[] counts) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int g = 0; g < counts.length; g++) {
            map.put(models.labels().get(g), counts[g]);
        }
        return map;
    }

    /** genre-core's last resort LABEL_ORDER has no symbol in the Avro enum; it is reported as PRIOR, the last rule. */
    static TieBreak tieBreak(io.genrestream.vote.TieBreak level) {
        return switch (level) {
            case NONE -> TieBreak.NONE;
            case GRU_SOFTMAX -> TieBreak.GRU_SOFTMAX;
            case PRIOR, LABEL_ORDER -> TieBreak.PRIOR;
        };
    }
}
