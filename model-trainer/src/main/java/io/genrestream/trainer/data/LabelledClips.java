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
 * The labelled audio clips of a dataset, each with the group (e.g. artist) that must stay on one side of a split and
 * the source it comes from. Read from a dataset CSV ({@code file,label,<group column>,...}; Emotify's
 * {@code emotify.csv}, AllMusic's {@code allmusic.csv}, or a manifest {@code file,label,group,source}) or from a
 * {@code <label>/<file>} folder (GTZAN's {@code genres_original} layout; every clip its own group). A label may name
 * a set of genres ({@code pop_rock}, {@code pop|rock}): see {@link Taxonomy}.
 */
public final class LabelledClips {

    /** Audio extensions read: what {@link io.genrestream.audio.AudioFileDecoder} reads itself, plus anything via ffmpeg. */
    public static final Set<String> EXTENSIONS = Set.of("wav", "au", "aiff", "aif", "mp3", "flac", "ogg", "m4a");

    private LabelledClips() {
    }

    /**
     * One clip.
     *
     * @param file  audio file
     * @param track track id (file name without extension)
     * @param label genre label
     * @param group  split group (artist); clips of one group never land on both sides of a split
     * @param source the dataset the clip comes from (per-source figures; empty when not given)
     */
    public record Clip(Path file, String track, String label, String group, String source) {

        /** A clip of an unnamed source. */
        public Clip(Path file, String track, String label, String group) {
            this(file, track, label, group, "");
        }
    }

    /**
     * Clips of one dataset given as {@code [source=]path}: a CSV (columns {@code file}, {@code label}, and the group
     * in {@code group} or {@code artist}, else each file its own group; a {@code source} column wins over the name
     * given) or a folder ({@link #fromFolder}). Groups are prefixed with the source, so two datasets never share one.
     */
    public static List<Clip> read(String spec) throws IOException {
        int eq = spec.indexOf('=');
        Path path = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
        String source = eq > 0 ? spec.substring(0, eq) : nameOf(path);
        List<Clip> clips;
        if (Files.isDirectory(path)) {
            clips = fromFolder(path);
        } else {
            List<String> header = header(path);
            String group = header.contains("group") ? "group" : header.contains("artist") ? "artist" : "file";
            clips = fromCsv(path, "file", "label", group);
            if (header.contains("source")) {
                return clips;
            }
        }
        return clips.stream().map(c -> new Clip(c.file(), c.track(), c.label(), source + ":" + c.group(), source))
                .toList();
    }

    private static String nameOf(Path path) {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        return dir.getFileName().toString();
    }

    private static List<String> header(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "dataset CSV or folder not found");
        }
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader().build())) {
            return parser.getHeaderNames();
        }
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
                String source = r.isMapped("source") ? r.get("source").trim() : "";
                clips.add(new Clip(file, trackOf(name), label, source.isEmpty() ? group : source + ":" + group,
                        source));
            }
        }
        if (clips.isEmpty()) {
            throw new IllegalArgumentException(csv + " lists no clips");
        }
        return List.copyOf(clips);
    }

    /**
     * Clips of a {@code <label>/<file>} folder; files directly in it take the label from their name up to the first
     * dot (GTZAN's {@code blues.00001.wav}). Each clip is its own group.
     */
    public static List<Clip> fromFolder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "audio folder not found");
        }
        List<Clip> clips;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            clips = walk.filter(Files::isRegularFile).filter(p -> EXTENSIONS.contains(extension(p)))
                    .filter(p -> !p.getParent().equals(root) || p.getFileName().toString().indexOf('.') > 0)
                    .sorted()
                    .map(p -> new Clip(p, trackOf(p.getFileName().toString()), labelOf(root, p),
                            trackOf(p.getFileName().toString())))
                    .toList();
        }
        if (clips.isEmpty()) {
            throw new IllegalArgumentException(root + ": no audio files (" + EXTENSIONS + ") as <label>/<file>");
        }
        return clips;
    }

    private static String labelOf(Path root, Path file) {
        String name = file.getFileName().toString();
        return file.getParent().equals(root) ? name.substring(0, name.indexOf('.'))
                : file.getParent().getFileName().toString();
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
