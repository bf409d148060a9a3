package io.genrestream.producer;

import io.genrestream.audio.AudioDecodeException;
import io.genrestream.producer.source.TrackIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every file under a folder as its own track. A file that cannot be sent (unreadable, corrupt,
 * unsupported, duplicate content) is skipped with its reason and never stops the others; only a Kafka failure,
 * which would hit every file alike, ends the run.
 */
public final class FolderUploader {

    private static final Logger LOG = LoggerFactory.getLogger(FolderUploader.class);

    private final TrackUploader uploader;

    /** @param uploader sends each file */
    public FolderUploader(TrackUploader uploader) {
        this.uploader = uploader;
    }

    /**
     * The files a folder upload would try, in a stable order: regular files at any depth, hidden files and folders
     * (names starting with a dot) left out.
     */
    public static List<Path> listFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("not a folder: " + folder);
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> !isHidden(folder.relativize(path)))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Sends {@code files} one after the other.
     *
     * @param afterEach called after each file with what happened to it (progress display)
     * @throws ChunkPublishException Kafka did not take the chunks
     * @throws InterruptedException  while pacing in real time
     */
    public FolderReport upload(List<Path> files, Consumer<FileOutcome> afterEach) throws InterruptedException {
        List<UploadedTrack> sent = new ArrayList<>();
        List<FileOutcome.Skipped> skipped = new ArrayList<>();
        Map<String, Path> seenIds = new HashMap<>();
        for (Path file : files) {
            FileOutcome outcome = uploadOne(file, seenIds);
            if (outcome instanceof FileOutcome.Sent s) {
                sent.add(s.track());
            } else {
                FileOutcome.Skipped s = (FileOutcome.Skipped) outcome;
                LOG.debug("skipped {}: {}", file, s.reason());
                skipped.add(s);
            }
            afterEach.accept(outcome);
        }
        return new FolderReport(sent, skipped);
    }

    private FileOutcome uploadOne(Path file, Map<String, Path> seenIds) throws InterruptedException {
        try {
            String id = TrackIds.ofFile(file);
            Path earlier = seenIds.putIfAbsent(id, file);
            if (earlier != null) {
                return new FileOutcome.Skipped(file, "same content as " + earlier + " (track " + id
                        + "), sent once");
            }
            return new FileOutcome.Sent(file, uploader.upload(file));
        } catch (AudioDecodeException e) {
            return new FileOutcome.Skipped(file, e.getMessage());
        } catch (IOException e) {
            return new FileOutcome.Skipped(file, "cannot read: " + e.getMessage());
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** What happened to one file. */
    public sealed interface FileOutcome {

        /** The file. */
        Path file();

        /** Sent as a track. */
        record Sent(Path file, UploadedTrack track) implements FileOutcome {
        }

        /** Not sent, and why. */
        record Skipped(Path file, String reason) implements FileOutcome {
        }
    }

    /**
     * Result of a folder upload.
     *
     * @param sent    tracks sent, in file order
     * @param skipped files not sent, with the reason
     */
    public record FolderReport(List<UploadedTrack> sent, List<FileOutcome.Skipped> skipped) {
    }
}
