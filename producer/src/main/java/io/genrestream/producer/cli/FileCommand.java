package io.genrestream.producer.cli;

import io.genrestream.producer.ChunkPublisher;
import io.genrestream.producer.TrackUploader;
import io.genrestream.producer.UploadedTrack;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedPcm;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code file}: one audio file as one track. */
@Command(name = "file", mixinStandardHelpOptions = true,
        description = {"Sends one audio file as one track (WAV/AU natively, anything else through ffmpeg).",
            "The track id is the first 16 hex digits of the file's SHA-256, so the same recording always gets "
                + "the same id."})
final class FileCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Audio file.")
    private Path file;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private DecoderOptions decoding;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Decode before connecting: a bad file fails fast, without touching Kafka.
        AudioFileDecoder decoder = decoding.fileDecoder();
        DecodedPcm audio = decoder.decode(file);
        try (ChunkPublisher publisher = connection.openPublisher()) {
            UploadedTrack track = TrackUploader.builder().setPublisher(publisher).setDecoder(decoder)
                    .optChunkDuration(connection.chunkDuration()).optRealtime(connection.realtime()).build()
                    .upload(file, audio);
            spec.commandLine().getOut().println(Reports.describe(track, publisher.topic()));
        }
        return 0;
    }
}
