package io.soleus.treatment.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.soleus.treatment.TreatmentServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outcome projection's statements judge a meaningful change in PostgreSQL: by the same rule as the Java. */
@TreatmentServiceTest
class MeaningfulChangeTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void postgres_judges_every_pair_of_pain_scores_as_the_rule_does() {
        int[] judged = {0, 0};
        jdbc.query("""
                SELECT baseline, pain, outcome_meaningful(baseline, pain)
                FROM generate_series(0, 10) AS baseline, generate_series(0, 10) AS pain""", row -> {
            int baseline = row.getInt(1);
            int pain = row.getInt(2);
            assertThat(row.getBoolean(3)).as("baseline %d, pain %d", baseline, pain)
                    .isEqualTo(OutcomeProjection.meaningful(baseline, pain));
            judged[row.getBoolean(3) ? 1 : 0]++;
        });

        assertThat(judged[0] + judged[1]).isEqualTo(121);
        assertThat(judged).as("both answers occur").doesNotContain(0);
        assertThat(jdbc.queryForObject("SELECT outcome_meaningful(NULL, 3) IS NULL", Boolean.class))
                .as("no baseline, no judgement").isTrue();
    }
}
