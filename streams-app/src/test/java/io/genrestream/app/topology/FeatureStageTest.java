package io.genrestream.app.topology;

import io.genrestream.app.state.AvroStateSerde;
import io.genrestream.app.state.BatchedSegment;
import io.genrestream.app.state.StatisticsRing;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SegmentFeatures;
import io.genrestream.features.SegmentStatistics;
import io.genrestream.features.SummaryFeatures;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FeatureStage} with a MockProcessorContext: the summary vector of each segment is exactly the 57 features of
 * the merged statistics of the last 30 s (10 segments), restored from the state store, and the ring never holds more.
 */
class FeatureStageTest {

    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.of(FeatureConfig.librosaDefaults());
    private static final FeatureExtractor WITHOUT_HPSS = FeatureExtractor.builder()
            .setConfig(FeatureConfig.librosaDefaults()).optHarmonicPercussive(false).build();

    private static KeyValueStore<String, StatisticsRing> ringStore(MockProcessorContext<String, TrackEvent> context) {
        KeyValueStore<String, StatisticsRing> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(GenreTopology.STATISTICS_STORE), Serdes.String(),
                AvroStateSerde.of(StatisticsRing.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static FeatureStage stage(PipelineSettings settings, MockProcessorContext<String, TrackEvent> context) {
        FeatureStage stage = new FeatureStage(settings, EXTRACTOR, WITHOUT_HPSS);
        stage.init(context);
        return stage;
    }

    @Test
    void theSummaryIsTheMergedStatisticsOfTheLastThirtySeconds() {
        PipelineSettings settings = PipelineSettings.builder().build();
        MockProcessorContext<String, TrackEvent> context = new MockProcessorContext<>();
        KeyValueStore<String, StatisticsRing> store = ringStore(context);
        FeatureStage stage = stage(settings, context);

        int n = 12;
        List<SegmentStatistics> direct = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] samples = Chunks.tone(200 + 150 * i, 3.0, 22050);
            SegmentFeatures features = EXTRACTOR.extract(samples);
            direct.add(features.statistics());
            stage.process(new Record<>("s", new TrackEvent.Segment("TRACK", i, i * 66150L, (i + 1) * 66150L,
                    samples, 0), 0L));
            assertThat(store.get("s").getSegments()).hasSize(Math.min(i + 1, 10));
        }
        var forwarded = context.forwarded();
        assertThat(forwarded).hasSize(n);
        BatchedSegment last = ((TrackEvent.Featured) forwarded.get(n - 1).record().value()).segment();
        double[] expected = SummaryFeatures.of(SegmentStatistics.mergeAll(direct.subList(n - 10, n)),
                EXTRACTOR.config());
        float[] actual = SegmentScoring.floats(last.getSummary());
        assertThat(actual).hasSize(57);
        for (int c = 0; c < expected.length; c++) {
            assertThat(actual[c]).as(SummaryFeatures.COLUMNS.get(c)).isEqualTo((float) expected[c]);
        }
        assertThat(last.getFrameRows()).isEqualTo(EXTRACTOR.config().framesPerSegment());
        assertThat(last.getFrameCols()).isEqualTo(EXTRACTOR.config().frameFeatureCount());

        BatchedSegment first = ((TrackEvent.Featured) forwarded.get(0).record().value()).segment();
        double[] alone = SummaryFeatures.of(direct.get(0), EXTRACTOR.config());
        assertThat(SegmentScoring.floats(first.getSummary())[0]).isEqualTo((float) alone[0]);

        stage.process(new Record<>("s", new TrackEvent.StreamEnd("TRACK", null, 0, null, 0), 0L));
        assertThat(store.get("s")).as("dropped at the end of the stream").isNull();
    }

    @Test
    void withOverlappingSegmentsOnlyEveryStrideThSegmentIsMerged() {
        PipelineSettings settings = PipelineSettings.builder().optHopSeconds(1.5).build();
        MockProcessorContext<String, TrackEvent> context = new MockProcessorContext<>();
        KeyValueStore<String, StatisticsRing> store = ringStore(context);
        FeatureStage stage = stage(settings, context);
        List<SegmentStatistics> direct = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] samples = Chunks.tone(300 + 500 * i, 3.0, 22050);
            direct.add(EXTRACTOR.extract(samples).statistics());
            stage.process(new Record<>("s", new TrackEvent.Segment("LIVE", i, i * 33075L, i * 33075L + 66150,
                    samples, 0), 0L));
        }
        BatchedSegment last = ((TrackEvent.Featured) context.forwarded().get(4).record().value()).segment();
        // segments 0, 2 and 4 do not overlap
        double[] expected = SummaryFeatures.of(SegmentStatistics.mergeAll(List.of(direct.get(0), direct.get(2),
                direct.get(4))), EXTRACTOR.config());
        assertThat(SegmentScoring.floats(last.getSummary())[2]).isEqualTo((float) expected[2]);
        assertThat(SegmentScoring.floats(last.getSummary())[56]).isEqualTo((float) expected[56]);
    }

    @Test
    void harmonyFromOneSegmentInNAndTheTempoReusedBetweenEstimates() {
        PipelineSettings settings = PipelineSettings.builder().optHpssEverySegments(5).optTempoEverySegments(5).build();
        MockProcessorContext<String, TrackEvent> context = new MockProcessorContext<>();
        KeyValueStore<String, StatisticsRing> store = ringStore(context);
        FeatureStage stage = stage(settings, context);
        int n = 12;
        List<SegmentStatistics> full = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] samples = Chunks.tone(200 + 150 * i, 3.0, 22050);
            full.add(EXTRACTOR.extract(samples).statistics());
            stage.process(new Record<>("s", new TrackEvent.Segment("LIVE", i, i * 66150L, (i + 1) * 66150L,
                    samples, 0), 0L));
        }
        float[] last = SegmentScoring.floats(((TrackEvent.Featured) context.forwarded().get(n - 1).record().value())
                .segment().getSummary());
        // window: segments 2..11; separated: 5 and 10; tempo: estimated at segment 10 over segments 1..10
        double[] frameFeatures = SummaryFeatures.of(SegmentStatistics.mergeAll(full.subList(2, 12)), 0.0);
        double[] harmony = SummaryFeatures.of(SegmentStatistics.mergeAll(List.of(full.get(5), full.get(10))), 0.0);
        double tempo = SummaryFeatures.of(SegmentStatistics.mergeAll(full.subList(1, 11)), EXTRACTOR.config())[16];
        int harmonyVar = SummaryFeatures.COLUMNS.indexOf("harmony_var");
        int perceptrVar = SummaryFeatures.COLUMNS.indexOf("perceptr_var");
        int tempoColumn = SummaryFeatures.COLUMNS.indexOf(SummaryFeatures.TEMPO);
        assertThat(last[harmonyVar]).isEqualTo((float) harmony[harmonyVar]);
        assertThat(last[perceptrVar]).isEqualTo((float) harmony[perceptrVar]);
        assertThat(last[tempoColumn]).isEqualTo((float) tempo);
        assertThat(store.get("s").getTempo()).isEqualTo(tempo);
        int rmsMean = SummaryFeatures.COLUMNS.indexOf("rms_mean");
        assertThat(last[rmsMean]).as("frame features still from every segment").isEqualTo((float) frameFeatures[rmsMean]);
    }
}
