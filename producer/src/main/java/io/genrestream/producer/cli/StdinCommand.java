package io.genrestream.producer.cli;

import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamKind;
import io.genrestream.producer.ChunkPublisher;
import io.genrestream.audio.PcmFormat;
import io.genrestream.producer.PcmStreamSender;
import io.genrestream.producer.UploadedTrack;
import java.io.BufferedInputStream;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stdin}: raw 16-bit little-endian PCM from standard input. */
@Command(name = "stdin", mixinStandardHelpOptions = true,
        description = {"Sends raw signed 16-bit little-endian interleaved PCM read from standard input until "
                + "its end, e.g.:",
            "  ffmpeg -i song.mp3 -f s16le -ac 1 -ar 22050 - | genre-producer stdin --rate 22050 --channels 1"})
final class StdinCommand implements Callable<Integer> {

    @Option(names = "--rate", required = true, paramLabel = "HZ", description = "Sample rate of the input.")
    private int rate;

    @Option(names = "--channels", required = true, paramLabel = "N", description = "Interleaved channels.")
    private int channels;

    @Option(names = "--stream-id", paramLabel = "ID",
            description = "Stream id / Kafka key (default: stdin-<random>).")
    private String streamId;

    @Option(names = "--live", description = "Send as a LIVE stream (no end-of-track marker) instead of a TRACK.")
    private boolean live;

    @Option(names = "--title", description = "Title to put into the chunks' metadata.")
    private String title;

    @Mixin
    private ConnectionOptions connection;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PcmFormat format = new PcmFormat(rate, channels);
        String id = streamId != null ? streamId : "stdin-" + UUID.randomUUID().toString().substring(0, 8);
        try (ChunkPublisher publisher = connection.openPublisher()) {
            UploadedTrack sent = new PcmStreamSender(publisher, connection.chunkDuration(), connection.realtime())
                    .send(id, new BufferedInputStream(System.in), format, live ? StreamKind.LIVE : StreamKind.TRACK,
                            SourceMetadata.newBuilder().setTitle(title).setUri("stdin").build());
            spec.commandLine().getOut().println(Reports.describe(sent, publisher.topic()));
        }
        return 0;
    }
}
