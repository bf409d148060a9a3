package io.genrestream.producer.cli;

import io.genrestream.producer.ChunkPublisher;
import io.genrestream.producer.FolderUploader;
import io.genrestream.producer.FolderUploader.FolderReport;
import io.genrestream.producer.TrackUploader;
import io.genrestream.producer.UploadedTrack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dir}: every file under a folder, one track each. */
@Command(name = "dir", mixinStandardHelpOptions = true,
        description = {"Sends every file under a folder (hidden ones excepted) as its own track, each with an "
                + "end-of-track marker, and prints what was sent and what was skipped and why.",
            "Unreadable, corrupt, unsupported and duplicate files are skipped; they never stop the others."})
final class DirCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FOLDER", description = "Folder to upload (searched recursively).")
    private Path folder;

    @Option(names = "--no-progress", description = "No progress bar (e.g. in logs).")
    private boolean noProgress;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private DecoderOptions decoding;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> files = FolderUploader.listFiles(folder);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files in " + folder);
        }
        FolderReport report;
        try (ChunkPublisher publisher = connection.openPublisher()) {
            FolderUploader uploader = new FolderUploader(TrackUploader.builder().setPublisher(publisher)
                    .setDecoder(decoding.fileDecoder()).optChunkDuration(connection.chunkDuration())
                    .optRealtime(connection.realtime()).build());
            if (noProgress) {
                report = uploader.upload(files, outcome -> { });
            } else {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Uploading").setInitialMax(files.size())
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" files", 1).build()) {
                    report = uploader.upload(files, outcome -> {
                        bar.step();
                        bar.setExtraMessage(outcome.file().getFileName().toString());
                    });
                }
            }
            print(report, publisher.topic());
        }
        return report.skipped().isEmpty() ? 0 : GenreProducerCommand.EXIT_SOME_SKIPPED;
    }

    private void print(FolderReport report, String topic) {
        PrintWriter out = spec.commandLine().getOut();
        long bytes = report.sent().stream().mapToLong(UploadedTrack::pcmBytes).sum();
        long chunks = report.sent().stream().mapToLong(UploadedTrack::chunks).sum();
        out.printf("Sent %d track(s), %d chunks, %s of PCM to %s%n", report.sent().size(), chunks,
                Reports.megabytes(bytes), topic);
        for (UploadedTrack track : report.sent()) {
            out.println("  " + Reports.describe(track, topic));
        }
        out.printf("Skipped %d file(s)%s%n", report.skipped().size(), report.skipped().isEmpty() ? "" : ":");
        for (FolderUploader.FileOutcome.Skipped skipped : report.skipped()) {
            out.println("  " + skipped.file() + ": " + skipped.reason());
        }
        out.flush();
    }
}
