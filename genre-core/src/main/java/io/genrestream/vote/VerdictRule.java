package io.genrestream.vote;

import java.util.List;
import java.util.Objects;

/**
 * Decides a verdict from a {@link VoteTally}: the genre with most votes; on a tie the tied genre with the larger
 * summed GRU softmax; on a further tie the one with the larger class prior (its frequency in the training data,
 * stored in the model bundle); then the one listed first. Confidence is the winner's share of the segments' mean
 * calibrated ensemble probabilities, tempered by the bundle's track temperature and mapped to the accuracy such
 * shares had on validation folds ({@link Calibration}, {@link ConfidenceMap}; not its vote share: five votes of 0.3
 * each are not a sure verdict); below
 * {@code unknownThreshold} (the bundle's {@link Calibration#unknownThreshold()}, chosen on validation folds) the
 * verdict is {@link TrackVerdict.Status#UNKNOWN}; so it is when the segments' mean distance to the training data is
 * beyond the bundle's {@link NoveltyCheck}, however high the confidence.
 * Pure: the same tally always gives the same verdict.
 */
public final class VerdictRule {

    /** Default: a verdict needs at least this share of the segments' votes. */
    public static final double DEFAULT_UNKNOWN_THRESHOLD = 0.3;

    private final List<String> labels;
    private final double[] priors;
    private final double unknownThreshold;
    private final double trackTemperature;
    private final NoveltyCheck novelty;
    private final ConfidenceMap trackMap;

    /**
     * @param labels           genre labels in model output order (from the bundle)
     * @param priors           class prior per label (from the bundle), same length as labels
     * @param unknownThreshold confidence below which the verdict is UNKNOWN, in [0, 1]
     */
    public VerdictRule(List<String> labels, double[] priors, double unknownThreshold) {
        this(labels, priors, unknownThreshold, 1);
    }

    /**
     * @param trackTemperature temperature of the mean ensemble probabilities ({@link Calibration#trackTemperature()})
     */
    public VerdictRule(List<String> labels, double[] priors, double unknownThreshold, double trackTemperature) {
        this(labels, priors, unknownThreshold, trackTemperature, NoveltyCheck.NONE);
    }

    /**
     * @param novelty the bundle's check of the distance to the training data ({@link NoveltyCheck#NONE}: none)
     */
    public VerdictRule(List<String> labels, double[] priors, double unknownThreshold, double trackTemperature,
                       NoveltyCheck novelty) {
        this(labels, priors, unknownThreshold, trackTemperature, ConfidenceMap.IDENTITY, novelty);
    }

    /**
     * @param trackMap the bundle's map of the tempered share to validated accuracy ({@link Calibration#trackMap()})
     */
    public VerdictRule(List<String> labels, double[] priors, double unknownThreshold, double trackTemperature,
                       ConfidenceMap trackMap, NoveltyCheck novelty) {
        this.trackMap = java.util.Objects.requireNonNull(trackMap, "trackMap");
        this.novelty = java.util.Objects.requireNonNull(novelty, "novelty");
        if (!(trackTemperature > 0) || Double.isInfinite(trackTemperature)) {
            throw new IllegalArgumentException("track temperature must be finite and > 0, got " + trackTemperature);
        }
        this.trackTemperature = trackTemperature;
        this.labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        if (this.labels.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one genre label");
        }
        if (priors == null || priors.length != this.labels.size()) {
            throw new IllegalArgumentException("need one prior per label: " + this.labels.size() + " labels, "
                    + (priors == null ? "no" : String.valueOf(priors.length)) + " priors");
        }
        if (!(unknownThreshold >= 0 && unknownThreshold <= 1)) {
            throw new IllegalArgumentException("unknown threshold must be in [0, 1], got " + unknownThreshold);
        }
        this.priors = priors.clone();
        this.unknownThreshold = unknownThreshold;
    }

    /** Genre labels, in model output order. */
    public List<String> labels() {
        return labels;
    }

    /** The verdict for the segments counted in {@code tally}. */
    public TrackVerdict decide(VoteTally tally) {
        if (tally.genreCount() != labels.size()) {
            throw new IllegalArgumentException("tally over " + tally.genreCount() + " genres, rule over "
                    + labels.size() + " labels");
        }
        int[] votes = tally.votes();
        if (tally.segments() == 0) {
            return new TrackVerdict(TrackVerdict.Status.NO_SEGMENTS, null, -1, 0, 0, votes, TieBreak.NONE);
        }
        int best = 0;
        TieBreak level = TieBreak.NONE;
        for (int g = 1; g < votes.length; g++) {
            if (votes[g] > votes[best]) {
                best = g;
            }
        }
        // genres tied with the leader on votes
        int tied = 0;
        for (int g = 0; g < votes.length; g++) {
            if (votes[g] == votes[best]) {
                tied++;
            }
        }
        if (tied > 1) {
            best = breakTie(tally, votes[best]);
            level = decidingLevel(tally, votes[best], best);
        }
        double confidence = trackMap.apply(Math.min(1,
                Calibration.temper(tally.meanProbabilities(), trackTemperature)[best]));
        double distance = tally.meanNovelty();
        TrackVerdict.Status status = confidence >= unknownThreshold && !novelty.isNovel(distance)
                ? TrackVerdict.Status.DECIDED : TrackVerdict.Status.UNKNOWN;
        return new TrackVerdict(status, labels.get(best), best, confidence, tally.segments(), votes, level, distance);
    }

    private int breakTie(VoteTally tally, int topVotes) {
        int best = -1;
        for (int g = 0; g < labels.size(); g++) {
            if (tally.votes(g) != topVotes) {
                continue;
            }
            if (best < 0 || tally.gruSum(g) > tally.gruSum(best)
                    || (tally.gruSum(g) == tally.gruSum(best) && priors[g] > priors[best])) {
                best = g;
            }
        }
        return best;
    }

    /** The first rule that separates the winner from every other genre tied with it on votes. */
    private TieBreak decidingLevel(VoteTally tally, int topVotes, int winner) {
        TieBreak level = TieBreak.GRU_SOFTMAX;
        for (int g = 0; g < labels.size(); g++) {
            if (g == winner || tally.votes(g) != topVotes || tally.gruSum(g) != tally.gruSum(winner)) {
                continue;
            }
            if (priors[g] != priors[winner]) {
                level = level == TieBreak.LABEL_ORDER ? level : TieBreak.PRIOR;
            } else {
                level = TieBreak.LABEL_ORDER;
            }
        }
        return level;
    }
}
