package io.genrestream.producer.cli;

import io.genrestream.producer.ChunkPublisher;
import io.genrestream.producer.LiveStreamProducer;
import io.genrestream.producer.LiveStreamProducer.LiveRunSummary;
import io.genrestream.producer.ReconnectBackoff;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code url}: a live HTTP audio stream as an endless LIVE stream. */
@Command(name = "url", mixinStandardHelpOptions = true,
        description = {"Sends a live HTTP audio stream (Icecast/Shoutcast MP3 or OGG through ffmpeg; WAV or "
                + "audio/L16 directly) as an endless LIVE stream keyed by the station id.",
            "Reconnects with exponential backoff and jitter when the stream drops or cannot be reached; chunk "
                + "numbering goes on across reconnects. Runs until Ctrl-C, --duration, or --max-retries."})
final class UrlCommand implements Callable<Integer> {

    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    @Parameters(paramLabel = "URL", description = "http(s) URL of the stream.")
    private URI url;

    @Option(names = "--station", required = true, paramLabel = "ID",
            description = "Station id: the stream id and Kafka key of every chunk.")
    private String station;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Stop after this wall time (e.g. 30s, 10m; default: run until stopped).")
    private Duration duration;

    @Option(names = "--max-retries", defaultValue = "-1", paramLabel = "N",
            description = "Failed attempts in a row before giving up; -1 = never give up (default: ${DEFAULT-VALUE}).")
    private int maxRetries;

    @Option(names = "--initial-backoff", converter = DurationConverter.class, defaultValue = "1s",
            description = "Delay before the first retry (default: ${DEFAULT-VALUE}); doubles per failure.")
    private Duration initialBackoff;

    @Option(names = "--max-backoff", converter = DurationConverter.class, defaultValue = "60s",
            description = "Longest delay between retries (default: ${DEFAULT-VALUE}).")
    private Duration maxBackoff;

    @Option(names = "--read-timeout", converter = DurationConverter.class, defaultValue = "15s",
            description = "Silence after which a connection counts as dropped (default: ${DEFAULT-VALUE}).")
    private Duration readTimeout;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private DecoderOptions decoding;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReconnectBackoff backoff = new ReconnectBackoff(initialBackoff, maxBackoff,
                ReconnectBackoff.DEFAULT.multiplier(), ReconnectBackoff.DEFAULT.jitter(), maxRetries);
        LiveRunSummary summary;
        try (ChunkPublisher publisher = connection.openPublisher()) {
            LiveStreamProducer producer = LiveStreamProducer.builder().setUrl(url).setStationId(station)
                    .setPublisher(publisher).optFfmpeg(decoding.ffmpeg()).optBackoff(backoff)
                    .optChunkDuration(connection.chunkDuration()).optRealtime(connection.realtime())
                    .optReadTimeout(readTimeout).optStopAfter(duration).build();
            CountDownLatch finished = new CountDownLatch(1);
            Thread stopOnSignal = new Thread(() -> {
                producer.stop();
                try {
                    finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-live-stream");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            try {
                summary = producer.run();
            } finally {
                finished.countDown();
            }
            removeHook(stopOnSignal);
        }
        spec.commandLine().getOut().printf("station %s: %d chunks, %s of PCM, %d connection(s) in %d attempt(s)%n",
                station, summary.chunks(), Reports.megabytes(summary.pcmBytes()), summary.connections(),
                summary.attempts());
        if (summary.gaveUp()) {
            spec.commandLine().getErr().printf("url: gave up on %s after %d attempt(s): %s%n", url,
                    summary.attempts(), summary.lastFailure().orElse("unknown error"));
            return 1;
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running, nothing to remove.
        }
    }
}
