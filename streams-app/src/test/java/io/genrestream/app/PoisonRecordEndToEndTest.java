package io.genrestream.app;

import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.DeadLetterCause;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.StreamKind;
import io.genrestream.avro.TrackGenre;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.genrestream.app.web.WebTestApp;
import io.genrestream.topics.GenreTopics;
import io.genrestream.topics.TopicDescriptor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.genrestream.app.RealBrokerClients.consumer;
import static io.genrestream.app.RealBrokerClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Poison records against the real app (Micronaut, exactly-once, a real PyTorch bundle), a real broker and registry.
 * Three tracks at once: "loud" is float PCM with samples at ±3.4e38 (which used to make feature extraction throw and
 * the stream thread re-read the record forever, so no track got a verdict); "bright" has one segment the models fail
 * on (a 9 kHz tone, with the test's {@link FaultInjection}); "calm" is plain. Every track gets exactly one verdict,
 * "bright" without its failed segment, and that segment's record is exactly one PROCESSING_ERROR dead letter with its
 * original bytes.
 */
@WithKafkaStack
class PoisonRecordEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordEndToEndTest.class);
    private static final int RATE = 22050;

    @Test
    void poisonRecordsAreDeadLetteredOrClippedAndEveryTrackGetsItsVerdict(StackEndpoints stack) throws Exception {
        String run = WebTestApp.newRun("poison");
        Map<String, Object> props = WebTestApp.properties(stack, run);
        props.put("kafka.streams.default.commit.interval.ms", "100");
        // one segment per model call, so the failing segment's dead letter carries the chunk that completed it
        props.put("genre.scoring.batch-size", "1");
        props.put(FaultInjection.FAULT_ABOVE_HZ, "6000");

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            GenreTopics topics = server.getApplicationContext().getBean(GenreTopics.class);
            TopicDescriptor<String, AudioChunk> chunks = topics.audioChunks();
            byte[] poisonBytes;
            try (KafkaProducer<String, AudioChunk> producer = producer(stack, chunks)) {
                for (int s = 0; s < 3; s++) {
                    float[] loud = tone(300);
                    loud[100 * (s + 1)] = Float.MAX_VALUE;
                    loud[200 * (s + 1)] = -Float.MAX_VALUE;
                    producer.send(new ProducerRecord<>(chunks.name(), "loud", chunk("loud", s,
                            PcmCodec.encodeF32le(loud), SampleFormat.PCM_F32LE, false)));
                }
                producer.send(new ProducerRecord<>(chunks.name(), "loud", chunk("loud", 3, new byte[0],
                        SampleFormat.PCM_F32LE, true)));
                AudioChunk poison = null;
                for (int s = 0; s < 9; s++) {
                    AudioChunk bright = chunk("bright", s, PcmCodec.encodeS16le(tone(s / 3 == 1 ? 9000 : 300)),
                            SampleFormat.PCM_S16LE, false);
                    poison = s == 5 ? bright : poison;
                    producer.send(new ProducerRecord<>(chunks.name(), "bright", bright));
                    if (s < 6) {
                        producer.send(new ProducerRecord<>(chunks.name(), "calm", chunk("calm", s,
                                PcmCodec.encodeS16le(tone(300)), SampleFormat.PCM_S16LE, false)));
                    }
                }
                producer.send(new ProducerRecord<>(chunks.name(), "bright", chunk("bright", 9, new byte[0],
                        SampleFormat.PCM_S16LE, true)));
                producer.send(new ProducerRecord<>(chunks.name(), "calm", chunk("calm", 6, new byte[0],
                        SampleFormat.PCM_S16LE, true)));
                producer.flush();
                poisonBytes = chunks.valueSerde().serializer().serialize(chunks.name(), poison);
            }

            Map<String, List<TrackGenre>> verdicts = new TreeMap<>();
            List<DeadLetter> letters = new ArrayList<>();
            try (KafkaConsumer<String, TrackGenre> verdictConsumer = consumer(stack, topics.trackGenres(), run);
                 KafkaConsumer<String, DeadLetter> letterConsumer = consumer(stack, topics.deadLetters(), run)) {
                Instant sent = Instant.now();
                Instant deadline = sent.plusSeconds(120);
                Instant quietUntil = Instant.MAX;
                // until all three verdicts are in, then 5 s more: a second verdict or dead letter would show up
                while (Instant.now().isBefore(deadline) && Instant.now().isBefore(quietUntil)) {
                    for (ConsumerRecord<String, TrackGenre> r : verdictConsumer.poll(Duration.ofMillis(250))) {
                        verdicts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                    letterConsumer.poll(Duration.ofMillis(250)).forEach(r -> letters.add(r.value()));
                    if (verdicts.size() == 3 && quietUntil == Instant.MAX) {
                        quietUntil = Instant.now().plusSeconds(5);
                        LOG.info("All three verdicts {} ms after the chunks were sent",
                                Duration.between(sent, Instant.now()).toMillis());
                    }
                }
            }

            assertThat(verdicts).containsOnlyKeys("loud", "bright", "calm");
            verdicts.forEach((id, list) -> assertThat(list).as("verdicts of " + id).hasSize(1));
            assertThat(verdicts.get("loud").get(0).getSegmentCount()).as("clipped, not lost").isEqualTo(1);
            assertThat(verdicts.get("calm").get(0).getSegmentCount()).isEqualTo(2);
            assertThat(verdicts.get("bright").get(0).getSegmentCount()).as("the failed segment left out")
                    .isEqualTo(2);
            assertThat(letters).extracting(DeadLetter::getCause).containsExactly(DeadLetterCause.PROCESSING_ERROR);
            DeadLetter letter = letters.get(0);
            assertThat(letter.getSourceTopic()).isEqualTo(chunks.name());
            assertThat(letter.getReason()).contains("segment 1 of stream bright").contains("injected fault");
            assertThat(bytes(letter.getOriginal())).as("the original record").isEqualTo(poisonBytes);
            String prometheus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.getURI().resolve("/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(prometheus.lines()).contains("genre_samples_clipped_total 6.0",
                    "genre_dead_letters_total{cause=\"PROCESSING_ERROR\"} 1.0");
        }
    }

    /** One second of a sine at {@code hz}, amplitude 0.5. */
    private static float[] tone(double hz) {
        float[] y = new float[RATE];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return y;
    }

    private static AudioChunk chunk(String id, long seq, byte[] pcm, SampleFormat format, boolean end) {
        return AudioChunk.newBuilder().setStreamId(id).setSequence(seq).setSampleRate(RATE).setChannels(1)
                .setSampleFormat(format).setPcm(ByteBuffer.wrap(pcm)).setEndOfTrack(end)
                .setKind(StreamKind.TRACK).setProducedAtMs(Instant.ofEpochMilli(1_000_000 + seq)).setSource(null)
                .build();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
