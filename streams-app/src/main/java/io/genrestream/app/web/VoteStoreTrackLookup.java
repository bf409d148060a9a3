package io.genrestream.app.web;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.app.state.StoredVote;
import io.genrestream.app.state.VoteState;
import io.genrestream.app.topology.GenreTopology;
import io.genrestream.app.topology.OpenTrackVotes;
import io.genrestream.app.topology.PipelineSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Votes so far of open tracks, by Kafka Streams interactive queries on the topology's vote stores
 * ({@link GenreTopology#VOTE_STATE_STORE}, {@link GenreTopology#VOTES_STORE}); answers with
 * {@link TrackVerdict#finished()} false. Asked after {@link FeedTrackLookup}, so a finished track's final verdict wins.
 *
 * <p>With several instances ({@code application.server} set per instance, from {@code GENRE_ADVERTISED_HOST_PORT}),
 * the instance owning the track's partition is found with {@link KafkaStreams#queryMetadataForKey}; when that is
 * another instance the request is forwarded to it (once: a forwarded request is answered locally or with 503).
 * While state is migrating (rebalance, restore) the store cannot be queried: the answer is 503 with a message.
 */
@Singleton
public class VoteStoreTrackLookup implements TrackLookup {

    /** Header marking a request forwarded by another instance; such a request is never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Genre-Forwarded";
    /** Timeout of a forwarded request. */
    static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(VoteStoreTrackLookup.class);

    private final KafkaStreams streams;
    private final OpenTrackVotes reader;
    private final String bundleVersion;
    private final JsonMapper json;
    private final Optional<HostInfo> self;

    public VoteStoreTrackLookup(KafkaStreams streams, SegmentModels models, PipelineSettings settings,
                                JsonMapper json,
                                @Value("${kafka.streams.default.application.server:}") String applicationServer) {
        this.streams = streams;
        this.reader = new OpenTrackVotes(models, settings);
        this.bundleVersion = models.version();
        this.json = json;
        this.self = applicationServer.isBlank() ? Optional.empty()
                : Optional.of(HostInfo.buildFromEndpoint(applicationServer));
    }

    @Override
    public Optional<TrackVerdict> find(String trackId) {
        try {
            if (self.isEmpty()) {
                // single instance: every partition is local. (Without application.server Kafka Streams shares no
                // host metadata, so queryMetadataForKey would answer NOT_AVAILABLE forever.)
                return local(trackId, null);
            }
            KeyQueryMetadata owner = streams.queryMetadataForKey(GenreTopology.VOTE_STATE_STORE, trackId,
                    Serdes.String().serializer());
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
                throw unavailable("the owner of track " + trackId + " is not known yet (Kafka Streams is starting"
                        + " or rebalancing)");
            }
            boolean forwarded = ServerRequestContext.currentRequest()
                    .map(r -> r.getHeaders().contains(FORWARDED_HEADER)).orElse(false);
            if (HostInfo.unavailable().equals(owner.activeHost())) {
                throw unavailable("no instance owns track " + trackId + " right now (rebalancing); retry shortly");
            }
            if (!self.get().equals(owner.activeHost())) {
                if (forwarded) {
                    throw unavailable("track " + trackId + " moved to " + owner.activeHost() + " during the request");
                }
                return forward(owner.activeHost(), trackId);
            }
            return local(trackId, owner.partition());
        } catch (InvalidStateStoreException e) {
            throw unavailable("the vote store cannot be queried now (" + e.getMessage() + "); retry shortly");
        }
    }

    /** Reads the track from the local stores: one partition, or all local ones when {@code partition} is null. */
    private Optional<TrackVerdict> local(String trackId, Integer partition) {
        ReadOnlyKeyValueStore<String, VoteState> states = streams.store(query(GenreTopology.VOTE_STATE_STORE,
                QueryableStoreTypes.<String, VoteState>keyValueStore(), partition));
        ReadOnlyKeyValueStore<String, StoredVote> votes = streams.store(query(GenreTopology.VOTES_STORE,
                QueryableStoreTypes.<String, StoredVote>keyValueStore(), partition));
        long now = System.currentTimeMillis();
        return reader.read(states, votes, trackId).map(s -> new TrackVerdict(trackId, false, s.genre(),
                s.confidence(), s.votes(), s.segments(), s.endSeconds(), s.tieBreak(), null, null, null,
                bundleVersion, now, s.novelty()));
    }

    private static <T> StoreQueryParameters<T> query(String store, QueryableStoreType<T> type, Integer partition) {
        StoreQueryParameters<T> parameters = StoreQueryParameters.fromNameAndType(store, type);
        return partition == null ? parameters : parameters.withPartition(partition);
    }

    private Optional<TrackVerdict> forward(HostInfo host, String trackId) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + "/tracks/"
                + URLEncoder.encode(trackId, StandardCharsets.UTF_8).replace("+", "%20"));
        LOG.debug("Forwarding the lookup of track {} to {}", trackId, uri);
        // HttpURLConnection, not java.net.http: a Java 17 HttpClient's selector thread makes every JVM exit wait 300 ms
        // (see RestSchemaRegistryClient)
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) FORWARD_TIMEOUT.toMillis());
            connection.setReadTimeout((int) FORWARD_TIMEOUT.toMillis());
            connection.setRequestProperty(FORWARDED_HEADER, "true");
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                byte[] body = in == null ? new byte[0] : in.readAllBytes();
                return switch (status) {
                    case 200 -> Optional.of(json.readValue(body, TrackVerdict.class));
                    case 404 -> Optional.empty();
                    default -> throw unavailable("instance " + host + " owning track " + trackId + " answered "
                            + status);
                };
            }
        } catch (IOException e) {
            throw unavailable("instance " + host + " owning track " + trackId + " cannot be reached: " + e);
        }
    }

    private static HttpStatusException unavailable(String message) {
        return new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, message);
    }

    /** After the feed's finished verdicts. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }
}
