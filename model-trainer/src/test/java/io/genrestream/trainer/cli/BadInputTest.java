package io.genrestream.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genrestream.trainer.GenreTrainer;
import io.genrestream.trainer.data.FeatureTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused with a clear message before any training starts. */
class BadInputTest {

    @TempDir
    Path dir;

    private String runCapturingErr(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = GenreTrainer.execute(args);
            return code + " " + err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void missingTableIsBadInput() {
        String out = runCapturingErr("cv", "--table", dir.resolve("nope.csv").toString());
        assertThat(out).startsWith("2 ").contains("feature table not found").contains("nope.csv");
    }

    @Test
    void classWithTooFewTracksIsRefused() throws Exception {
        Path table = GeneratedTables.write(dir.resolve("t.csv"), List.of("jazz", "metal"), 5, 2);
        // drop all metal rows but one
        List<String> lines = Files.readAllLines(table);
        List<String> kept = lines.stream().filter(l -> !l.startsWith("metal.0000") || l.startsWith("metal.00000"))
                .toList();
        Files.write(table, kept);
        String out = runCapturingErr("cv", "--table", table.toString(), "--folds", "3", "--out",
                dir.resolve("r").toString());
        assertThat(out).startsWith("2 ").contains("class 'metal' has 1 tracks, fewer than the 3 folds");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void emptyLabelIsRefused() throws Exception {
        Path table = GeneratedTables.write(dir.resolve("t.csv"), List.of("jazz", "metal"), 3, 2);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(table));
        lines.set(2, lines.get(2).substring(0, lines.get(2).lastIndexOf(',') + 1));
        Files.write(table, lines);
        assertThatThrownBy(() -> FeatureTable.read(table)).hasMessageContaining("line 3: empty label");
    }

    @Test
    void differingLabelSetsOfTrainAndTestAreRefused() throws Exception {
        Path table = GeneratedTables.write(dir.resolve("t.csv"), List.of("jazz", "metal", "pop"), 2, 3);
        // fold 0 holds no pop track: its test side lacks a label its training side has
        Path splits = dir.resolve("splits.csv");
        Files.writeString(splits, "track,split\njazz.00000,0\njazz.00001,1\nmetal.00000,0\nmetal.00001,1\n"
                + "pop.00000,1\npop.00001,1\n");
        String out = runCapturingErr("cv", "--table", table.toString(), "--split-file", splits.toString(), "--out",
                dir.resolve("r").toString());
        assertThat(out).startsWith("2 ").contains("fold 1: label sets of train and test differ")
                .contains("only in train [pop]");
    }

    @Test
    void nonNumericFeatureNamesRowAndColumn() throws Exception {
        Path table = dir.resolve("t.csv");
        Files.writeString(table, "filename,length,a,b,label\nx.00000.wav,1,0.5,oops,jazz\ny.00000.wav,1,1,2,pop\n");
        assertThatThrownBy(() -> FeatureTable.read(table))
                .hasMessageContaining("line 2, column b: not a number: 'oops'");
    }

    @Test
    void bundleRefusesForeignColumns() throws Exception {
        Path table = dir.resolve("t.csv");
        Files.writeString(table, "filename,length,a,b,label\nx.00000.wav,1,0.5,1,jazz\ny.00000.wav,1,1,2,pop\n");
        String out = runCapturingErr("bundle", "--table", table.toString(), "--out", dir.resolve("b").toString());
        assertThat(out).startsWith("2 ").contains("must take the extractor's 57 columns");
    }

    @Test
    void teacherRefusesATableWithoutItsColumns() throws Exception {
        Path table = dir.resolve("t.csv");
        Files.writeString(table, "filename,length,a,b,label\nx.00000.wav,1,0.5,1,jazz\ny.00000.wav,1,1,2,pop\n");
        Path teacher = Path.of("..", "bundles", "default");
        String out = runCapturingErr("cv", "--table", table.toString(), "--teacher", teacher.toString());
        assertThat(out).startsWith("2 ").contains("the teacher's summary model takes 157 columns")
                .contains("the table has 2 [a, b]");
    }

    @Test
    void unknownModelAndMissingCommand() throws Exception {
        Path table = GeneratedTables.write(dir.resolve("t.csv"), List.of("jazz", "metal"), 3, 2);
        assertThat(runCapturingErr("cv", "--table", table.toString(), "--folds", "2", "--models", "resnet"))
                .startsWith("2 ").contains("unknown model 'resnet'");
        assertThat(runCapturingErr()).startsWith("2 ").contains("a command is required");
    }
}
