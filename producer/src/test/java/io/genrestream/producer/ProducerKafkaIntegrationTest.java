package io.genrestream.producer;

import io.genrestream.audio.PcmFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.StreamKind;
import io.genrestream.producer.cli.GenreProducerCommand;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.FfmpegDecoder;
import io.genrestream.producer.source.ToneNoiseGenerator;
import io.genrestream.producer.source.TrackIds;
import io.genrestream.audio.TestAudio;
import io.genrestream.testing.SharedData;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The producer against a real Kafka broker and schema registry, read back with the real deserializer. */
@WithKafkaStack
@Timeout(180)
class ProducerKafkaIntegrationTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private StackEndpoints stack;

    @BeforeEach
    void endpoints(StackEndpoints endpoints) {
        this.stack = endpoints;
    }

    @Test
    void dirCommandDeliversEveryByteOfEveryTrackInOrder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("upload"));
        List<Path> wavs = copyRealWavsOrGenerate(folder.resolve("music"));
        Files.write(folder.resolve("broken.wav"), "RIFF\0\0\0\0WAVEfmt nonsense".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(folder.resolve("cover.txt"), "not audio");
        Files.copy(wavs.get(0), folder.resolve("zz-duplicate.wav")); // sorted after music/: the copy is skipped
        String topic = "dir-test";

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GenreProducerCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("dir", folder.toString(), "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--topic", topic, "--no-progress",
                "--ffmpeg", dir.resolve("no/ffmpeg").toString());

        assertThat(exit).as(err.toString()).isEqualTo(GenreProducerCommand.EXIT_SOME_SKIPPED);
        assertThat(out.toString()).contains("Sent " + wavs.size() + " track(s)").contains("Skipped 3 file(s)")
                .contains("broken.wav: corrupt").contains("cover.txt: ffmpeg is needed")
                .contains("duplicate.wav: same content as");

        AudioFileDecoder decoder = new AudioFileDecoder(FfmpegDecoder.onPath());
        int expectedChunks = 0;
        for (Path wav : wavs) {
            expectedChunks += chunkCount(decoder.decode(wav).pcm().length, decoder.decode(wav).format());
        }
        Map<String, List<AudioChunk>> byTrack = ChunkReader.readByKey(stack.bootstrapServers(),
                stack.schemaRegistryUrl(), topic, expectedChunks, READ_TIMEOUT);

        assertThat(byTrack).hasSize(wavs.size());
        for (Path wav : wavs) {
            List<AudioChunk> chunks = byTrack.get(TrackIds.ofFile(wav));
            assertThat(chunks).as("chunks of " + wav).isNotNull();
            assertContiguousFromZero(chunks);
            assertThat(chunks.stream().filter(AudioChunk::getEndOfTrack).count()).isEqualTo(1);
            assertThat(chunks.get(chunks.size() - 1).getEndOfTrack()).isTrue();
            assertThat(chunks).allSatisfy(c -> assertThat(c.getKind()).isEqualTo(StreamKind.TRACK));
            assertThat(chunks.get(0).getSource().getTitle()).isEqualTo(TrackUploader.titleOf(wav));
            byte[] expected = decoder.decode(wav).pcm();
            assertThat(AudioChunkerTest.concat(chunks)).as("PCM of " + wav).isEqualTo(expected);
        }
    }

    @Test
    void liveStreamReconnectsAndKeepsNumberingWithoutGapsOrDuplicates() throws Exception {
        PcmFormat format = new PcmFormat(8000, 1);
        Duration chunk = Duration.ofMillis(100); // 1600 bytes
        int chunks = 30;
        byte[] signal = new byte[format.bytesFor(chunk) * chunks + 100_000];
        new ToneNoiseGenerator(format.sampleRate(), 0.5, 11).fill(signal);
        // The first connection dies after 7.5 chunks (mid-chunk, mid-response); the next one goes on from there,
        // like a station whose programme went on while we were away.
        int dropAfter = format.bytesFor(chunk) * 15 / 2;
        AtomicInteger connections = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/live.wav", exchange -> {
            boolean first = connections.getAndIncrement() == 0;
            serveWavStream(exchange, format, signal, first ? 0 : dropAfter, first ? dropAfter : -1);
        });
        server.start();
        String topic = "live-test";
        try (ChunkPublisher publisher = publisher(topic)) {
            LiveStreamProducer producer = LiveStreamProducer.builder()
                    .setUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/live.wav"))
                    .setStationId("station-1").setPublisher(publisher).optChunkDuration(chunk)
                    .optBackoff(new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, 0.3, 5))
                    .optMaxChunks(chunks).optRandom(new Random(1)).optReadTimeout(Duration.ofSeconds(5)).build();
            LiveStreamProducer.LiveRunSummary summary = producer.run();
            assertThat(summary.connections()).isEqualTo(2);
            assertThat(summary.chunks()).isEqualTo(chunks);
        } finally {
            server.stop(0);
        }
        List<AudioChunk> read = ChunkReader.readByKey(stack.bootstrapServers(), stack.schemaRegistryUrl(), topic,
                chunks, READ_TIMEOUT).get("station-1");
        assertContiguousFromZero(read);
        assertThat(read).hasSize(chunks).noneMatch(AudioChunk::getEndOfTrack)
                .allSatisfy(c -> assertThat(c.getKind()).isEqualTo(StreamKind.LIVE));
        assertThat(AudioChunkerTest.concat(read))
                .isEqualTo(Arrays.copyOf(signal, format.bytesFor(chunk) * chunks));
    }

    @Test
    void deadUrlIsRetriedWithGrowingDelaysThenGivenUp() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0.3, 3);
        try (ChunkPublisher publisher = publisher("dead-url-test")) {
            LiveStreamProducer.LiveRunSummary summary = LiveStreamProducer.builder()
                    .setUrl(URI.create("http://127.0.0.1:" + closedPort + "/stream")).setStationId("dead")
                    .setPublisher(publisher).optBackoff(backoff).build().run();
            assertThat(summary.gaveUp()).isTrue();
            assertThat(summary.attempts()).isEqualTo(4); // the first try and 3 retries
            assertThat(summary.connections()).isZero();
            assertThat(summary.lastFailure()).hasValueSatisfying(m -> assertThat(m).contains("Connection refused"));
            // Sleeping never undershoots, so the run lasts at least the shortest jittered delays: 70 + 140 + 280 ms.
            long minimum = LongStream.rangeClosed(1, 3).map(r -> backoff.minimumDelay((int) r).toMillis()).sum();
            assertThat(summary.elapsed().toMillis()).isGreaterThanOrEqualTo(minimum);
        }
        StringWriter err = new StringWriter();
        CommandLine cli = GenreProducerCommand.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("url", "http://127.0.0.1:" + closedPort + "/stream", "--station", "dead",
                "--max-retries", "2", "--initial-backoff", "20ms", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--topic", "dead-url-test");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("gave up on http://127.0.0.1:" + closedPort + "/stream after 3 attempt(s)");
    }

    @Test
    void mp3FileThroughFfmpeg() throws Exception {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg is not on PATH; skipping the MP3 upload");
        PcmFormat format = new PcmFormat(44100, 2);
        Path mp3 = TestAudio.encodeMp3(TestAudio.writeWav(dir.resolve("s.wav"), format,
                TestAudio.tonePcm(format, 1.2, 9)), dir.resolve("s.mp3"));
        StringWriter out = new StringWriter();
        CommandLine cli = GenreProducerCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("file", mp3.toString(), "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--topic", "mp3-test", "--chunk-ms", "250");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("sent track " + TrackIds.ofFile(mp3)).contains("22050 Hz, 1 channel");
        List<AudioChunk> chunks = ChunkReader.readByKey(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                "mp3-test", 6, READ_TIMEOUT).get(TrackIds.ofFile(mp3));
        assertContiguousFromZero(chunks);
        assertThat(chunks.get(chunks.size() - 1).getEndOfTrack()).isTrue();
        assertThat(chunks.get(0).getSampleRate()).isEqualTo(22050);
    }

    @Test
    void simulatedStationsRunConcurrentlyWithContiguousSequences() throws Exception {
        try (ChunkPublisher publisher = publisher("simulate-test")) {
            LoadSimulator.LoadSummary summary = LoadSimulator.builder().setPublisher(publisher).setStreams(3)
                    .setAudio(i -> new ToneNoiseGenerator(22050, 1.0, i)).setDuration(Duration.ofMillis(1500))
                    .optChunkDuration(Duration.ofMillis(250)).optRealtime(true).build().run();
            Map<String, List<AudioChunk>> byStream = ChunkReader.readByKey(stack.bootstrapServers(),
                    stack.schemaRegistryUrl(), "simulate-test", (int) summary.chunks(), READ_TIMEOUT);
            assertThat(byStream).containsOnlyKeys("sim-0", "sim-1", "sim-2");
            // Paced, a stream can never be ahead of playback: at most 6 chunks of 250 ms fall due in 1.5 s (a
            // loaded machine may send fewer). Unpaced, it would send thousands.
            assertThat(byStream.values()).allSatisfy(chunks -> assertThat(chunks).hasSizeBetween(1, 6));
            assertThat(byStream.values().stream().mapToInt(List::size).sum()).isEqualTo((int) summary.chunks());
            byStream.values().forEach(ProducerKafkaIntegrationTest::assertContiguousFromZero);
        }
    }

    @Test
    void stationsStartSpreadOverTheStartSpread() throws Exception {
        try (ChunkPublisher publisher = publisher("spread-test")) {
            // 250 ms chunks for 1.1 s; sim-1 starts 0.5 s in (half of a 1 s spread): its chunks fall due at 0.5, 0.75
            // and 1.0 s, sim-0's at 0, 0.25, ..., 1.0 s. Without the spread sim-1 would start at 0.125 s (4 chunks).
            LoadSimulator.LoadSummary summary = LoadSimulator.builder().setPublisher(publisher).setStreams(2)
                    .setAudio(i -> new ToneNoiseGenerator(22050, 1.0, i)).setDuration(Duration.ofMillis(1100))
                    .optChunkDuration(Duration.ofMillis(250)).optRealtime(true)
                    .optStartSpread(Duration.ofSeconds(1)).build().run();
            Map<String, List<AudioChunk>> byStream = ChunkReader.readByKey(stack.bootstrapServers(),
                    stack.schemaRegistryUrl(), "spread-test", (int) summary.chunks(), READ_TIMEOUT);
            assertThat(byStream.get("sim-0")).hasSizeBetween(1, 5);
            assertThat(byStream.get("sim-1")).hasSizeBetween(1, 3);
        }
        assertThatThrownBy(() -> LoadSimulator.builder().optStartSpread(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start spread");
    }

    @Test
    void oneWorkerKeepsEveryStationOnItsOwnPhase() throws Exception {
        try (ChunkPublisher publisher = publisher("phase-test")) {
            // 4 stations on one worker, 250 ms chunks spread over 1 s: sim-i's chunk k falls due at 250 (k + i) ms.
            // Visiting the stations in a fixed order would send sim-0's chunk 1 only after sim-3's chunk 0 (750 ms).
            LoadSimulator.LoadSummary summary = LoadSimulator.builder().setPublisher(publisher).setStreams(4)
                    .setAudio(i -> new ToneNoiseGenerator(22050, 1.0, i)).setDuration(Duration.ofMillis(1900))
                    .optChunkDuration(Duration.ofMillis(250)).optRealtime(true).optWorkers(1)
                    .optStartSpread(Duration.ofSeconds(1)).build().run();
            Map<String, List<AudioChunk>> byStream = ChunkReader.readByKey(stack.bootstrapServers(),
                    stack.schemaRegistryUrl(), "phase-test", (int) summary.chunks(), READ_TIMEOUT);
            long origin = byStream.get("sim-0").get(0).getProducedAtMs().toEpochMilli();
            for (int i = 0; i < 4; i++) {
                List<AudioChunk> chunks = byStream.get("sim-" + i);
                assertThat(chunks).as("sim-%d", i).hasSizeGreaterThanOrEqualTo(3);
                for (AudioChunk chunk : chunks) {
                    long expected = 250 * (chunk.getSequence() + i);
                    assertThat(chunk.getProducedAtMs().toEpochMilli() - origin)
                            .as("sim-%d chunk %d sent at its due time", i, chunk.getSequence())
                            .isBetween(expected - 20, expected + 150);
                }
            }
        }
    }

    private ChunkPublisher publisher(String topic) {
        return ChunkPublisher.builder().setBootstrapServers(stack.bootstrapServers())
                .setSchemaRegistryUrl(stack.schemaRegistryUrl()).optTopic(topic).build();
    }

    private static void assertContiguousFromZero(List<AudioChunk> chunks) {
        assertThat(chunks).extracting(AudioChunk::getSequence)
                .containsExactlyElementsOf(LongStream.range(0, chunks.size()).boxed().toList());
    }

    private static int chunkCount(int pcmBytes, PcmFormat format) {
        int per = format.bytesFor(AudioChunker.DEFAULT_CHUNK_DURATION);
        return (pcmBytes + per - 1) / per + 1;
    }

    /** Two or three real GTZAN/style WAVs when the shared data is there, else generated WAVs. */
    private static List<Path> copyRealWavsOrGenerate(Path target) throws IOException {
        Files.createDirectories(target);
        List<String> real = List.of("gtzan/parity/blues.00000.wav", "gtzan/parity/classical.00000.wav",
                "gtzan/parity/disco.00000.wav");
        if (real.stream().allMatch(r -> Files.exists(SharedData.root().resolve(r)))) {
            for (String r : real) {
                Path source = SharedData.root().resolve(r);
                Files.copy(source, target.resolve(source.getFileName()));
            }
        } else {
            PcmFormat mono = new PcmFormat(22050, 1);
            PcmFormat stereo = new PcmFormat(44100, 2);
            TestAudio.writeWav(target.resolve("tone-a.wav"), mono, TestAudio.tonePcm(mono, 3.3, 1));
            TestAudio.writeWav(target.resolve("tone-b.wav"), stereo, TestAudio.tonePcm(stereo, 2.0, 2));
        }
        try (var files = Files.list(target)) {
            return files.sorted().toList();
        }
    }

    /**
     * Answers with a WAV header of unknown length followed by {@code signal} from byte {@code from}, as a chunked
     * response; when {@code dropAfter >= 0}, the response ends after that many audio bytes, in the middle of the
     * stream (com.sun.net.httpserver cannot cut the socket itself; to the client a live stream that ends is the
     * same as one that drops).
     */
    private static void serveWavStream(HttpExchange exchange, PcmFormat format, byte[] signal, int from,
            int dropAfter) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(-1).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) format.channels()).putInt(format.sampleRate()).putInt((int) format.bytesPerSecond())
                .putShort((short) format.frameBytes()).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(-1);
        exchange.getResponseHeaders().set("Content-Type", "audio/wav");
        int end = dropAfter >= 0 ? from + dropAfter : signal.length;
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(header.array());
            body.write(signal, from, end - from);
        } catch (IOException e) {
            // The producer hung up after its last chunk: expected at the end of the second connection.
        } finally {
            exchange.close();
        }
    }
}
