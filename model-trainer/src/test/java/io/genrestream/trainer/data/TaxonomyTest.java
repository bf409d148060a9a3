package io.genrestream.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

    private final Taxonomy taxonomy = Taxonomy.DEFAULT;

    @Test
    void defaultIsGtzanPlusElectronicWithThePopRockUmbrella() {
        assertThat(taxonomy.labels()).hasSize(11).contains("electronic", "metal", "pop", "rock");
        // pop_rock stands for metal (7), pop (8) and rock (10)
        assertThat(taxonomy.classesOf("pop_rock")).containsExactly(7, 8, 10);
        assertThat(taxonomy.targetOf("pop_rock")).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1);
        assertThat(taxonomy.targetOf("Jazz")).containsExactly(0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
        assertThat(taxonomy.classesOf("pop|rock")).containsExactly(8, 10);
        assertThat(taxonomy.admits("pop_rock", 7)).isTrue();
        assertThat(taxonomy.admits("pop_rock", 6)).isFalse();
    }

    @Test
    void aLabelOutsideTheTaxonomyIsAnErrorBeforeTraining() {
        assertThatThrownBy(() -> taxonomy.checkAll(List.of("rock", "polka")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'polka' is not in the taxonomy");
        assertThatThrownBy(() -> Taxonomy.parse(List.of("a", "b"), List.of("ab=a,c")))
                .hasMessageContaining("not all of which are labels");
        assertThatThrownBy(() -> Taxonomy.parse(List.of("a", "b"), List.of("ab"))).hasMessageContaining("name=label");
    }
}
