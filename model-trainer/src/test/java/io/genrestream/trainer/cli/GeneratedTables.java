package io.genrestream.trainer.cli;

import io.genrestream.features.SummaryFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Small generated feature tables in the Kaggle format: each label shifts the features, so they are learnable. */
public final class GeneratedTables {

    private GeneratedTables() {
    }

    /** Writes {@code tracksPerLabel} rows per label with the 57 summary columns. */
    public static Path write(Path file, List<String> labels, int tracksPerLabel, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("filename,length,")
                .append(String.join(",", SummaryFeatures.COLUMNS)).append(",label\n");
        for (int l = 0; l < labels.size(); l++) {
            for (int t = 0; t < tracksPerLabel; t++) {
                csv.append(String.format(Locale.ROOT, "%s.%05d.wav,661794", labels.get(l), t));
                for (int j = 0; j < SummaryFeatures.COLUMNS.size(); j++) {
                    double v = 1 + l * ((j % 3) + 1) + random.nextGaussian() * 0.3;
                    csv.append(',').append(SummaryFeatures.COLUMNS.get(j).endsWith("_var") ? Math.exp(v) : v);
                }
                csv.append(',').append(labels.get(l)).append('\n');
            }
        }
        Files.writeString(file, csv);
        return file;
    }
}
