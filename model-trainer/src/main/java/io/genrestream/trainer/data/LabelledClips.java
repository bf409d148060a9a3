package io.genrestream.trainer.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The labelled audio clips of a dataset, each with the group (e.g. artist) that must stay on one side of a split.
 * Read from a dataset CSV ({@code file,label,<group column>,...}; Emotify's {@code emotify.csv}) or from a
 * {@code <label>/<file>} folder (every clip its own group).
 */
public final class LabelledClips {

    /** Audio extensions read: what {@link io.genrestream.audio.AudioDecoder} decodes, plus anything via ffmpeg. */
    public static final Set<String> EXTENSIONS = Set.of("wav", "au", "aiff", "aif", "mp3", "flac", "ogg", "m4a");

    private LabelledClips() {
    }

    /**
     * One clip.
     *
     * @param file  audio file
     * @param track track id (file name without extension)
     * @param label genre label
     * @param group split group (artist); clips of one group never land on both sides of a split
     */
    public record Clip(Path file, String track, String label, String group) {
    }

    /**
     * Clips listed in a dataset CSV. File names are resolved against the CSV's folder, then against
     * {@code <folder>/<label>/} (Emotify keeps {@code classical.001.mp3} in {@code classical/}).
     *
     * @param groupColumn column holding the split group (e.g. {@code artist})
     */
    public static List<Clip> fromCsv(Path csv, String fileColumn, String labelColumn, String groupColumn)
            throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "dataset CSV not found");
        }
        Path dir = csv.toAbsolutePath().getParent();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        List<Clip> clips = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> missing = Stream.of(fileColumn, labelColumn, groupColumn)
                    .filter(c -> !parser.getHeaderNames().contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(csv + ": columns " + missing + " missing; header is "
                        + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                String name = r.get(fileColumn).trim();
                String label = r.get(labelColumn).trim();
                String group = r.get(groupColumn).trim();
                if (name.isEmpty() || label.isEmpty() || group.isEmpty()) {
                    throw new IllegalArgumentException(csv + " line " + (r.getRecordNumber() + 1)
                            + ": empty file, label or " + groupColumn);
                }
                Path file = dir.resolve(name);
                if (!Files.exists(file) && Files.exists(dir.resolve(label).resolve(name))) {
                    file = dir.resolve(label).resolve(name);
                }
                clips.add(new Clip(file, trackOf(name), label, group));
            }
        }
        if (clips.isEmpty()) {
            throw new IllegalArgumentException(csv + " lists no clips");
        }
        return List.copyOf(clips);
    }

    /** Clips of a {@code <label>/<file>} folder; each clip is its own group. */
    public static List<Clip> fromFolder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "audio folder not found");
        }
        List<Clip> clips;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            clips = walk.filter(Files::isRegularFile).filter(p -> EXTENSIONS.contains(extension(p)))
                    .filter(p -> !p.getParent().equals(root)).sorted()
                    .map(p -> new Clip(p, trackOf(p.getFileName().toString()),
                            p.getParent().getFileName().toString(), trackOf(p.getFileName().toString())))
                    .toList();
        }
        if (clips.isEmpty()) {
            throw new IllegalArgumentException(root + ": no audio files (" + EXTENSIONS + ") as <label>/<file>");
        }
        return clips;
    }

    static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String trackOf(String fileName) {
        return fileName.replaceFirst("\\.[^.]+$", "");
    }
}
