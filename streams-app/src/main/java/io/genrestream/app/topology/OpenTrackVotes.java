package io.genrestream.app.topology;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.app.state.StoredVote;
import io.genrestream.app.state.VoteState;
import io.genrestream.avro.StreamKind;
import io.genrestream.vote.TrackVerdict;
import io.genrestream.vote.VerdictRule;
import io.genrestream.vote.VoteTally;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The votes so far of a track still open, read from {@link TrackVoting}'s stores ({@link GenreTopology#VOTE_STATE_STORE}
 * and {@link GenreTopology#VOTES_STORE}, e.g. through Kafka Streams interactive queries) and decided with the same
 * genre-core rule as the final verdict ({@link VerdictRule}: majority, then summed GRU softmax, then prior).
 */
public final class OpenTrackVotes {

    /**
     * A track's verdict so far.
     *
     * @param genre      winning genre so far, or {@code unknown} below the threshold
     * @param confidence the verdict's calibrated confidence (see {@code VerdictRule})
     * @param votes      votes per genre, in label order
     * @param segments   segments that voted
     * @param endSeconds end of the last voted segment (audio scored so far)
     * @param tieBreak   how a tie was broken (NONE, GRU_SOFTMAX, PRIOR)
     * @param novelty    the segments' mean distance to the training data, null when not measured
     */
    public record Snapshot(String genre, double confidence, Map<String, Integer> votes, int segments,
                           double endSeconds, String tieBreak, Double novelty) {
    }

    private final SegmentModels models;
    private final VerdictRule rule;

    public OpenTrackVotes(SegmentModels models, PipelineSettings settings) {
        this.models = models;
        this.rule = TrackVoting.rule(models, settings);
    }

    /**
     * The votes so far of {@code trackId}; empty when the stores hold no open track of that id (never scored,
     * already finished, or a live stream).
     */
    public Optional<Snapshot> read(ReadOnlyKeyValueStore<String, VoteState> states,
                                   ReadOnlyKeyValueStore<String, StoredVote> votes, String trackId) {
        VoteState state = states.get(trackId);
        if (state == null || !StreamKind.TRACK.name().equals(state.getKind())) {
            return Optional.empty();
        }
        VoteTally tally = new VoteTally(models.labels().size());
        double end = 0;
        // vote keys are stream id + zero-padded segment index, so this range is exactly the track's votes
        try (KeyValueIterator<String, StoredVote> it = votes.range(TrackVoting.voteKey(trackId, 0),
                TrackVoting.voteKey(trackId, Integer.MAX_VALUE))) {
            while (it.hasNext()) {
                StoredVote v = it.next().value;
                tally.add(TrackVoting.toVote(v));
                end = Math.max(end, v.getEndSeconds());
            }
        }
        TrackVerdict verdict = rule.decide(tally);
        int[] counts = verdict.votes();
        Map<String, Integer> byGenre = new LinkedHashMap<>();
        for (int g = 0; g < counts.length; g++) {
            byGenre.put(models.labels().get(g), counts[g]);
        }
        return Optional.of(new Snapshot(TrackVoting.reported(verdict), verdict.confidence(), byGenre,
                verdict.segments(), end, TrackVoting.tieBreak(verdict.tieBreak()).name(),
                TrackVoting.measured(verdict.novelty())));
    }
}
