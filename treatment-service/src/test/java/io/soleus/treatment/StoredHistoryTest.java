package io.soleus.treatment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import io.soleus.platform.test.StoredHistory;
import io.soleus.treatment.outcome.OutcomeProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Treatment today reads a store that an earlier version of the code wrote: every kind of treatment
 * event (a case opened, assessed twice, treated by release and by trigger point, given a plan and
 * a revised one, its progress logged, discharged; an exercise added to the library), captured from
 * the code of 2 December 2026, with revisions. Every aggregate loads and the
 * outcome read model replays to exactly what that code built. A change that breaks old history fails
 * here.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class StoredHistoryTest {

    /** The tables filled from this service's own events (the booking facts come from Kafka). */
    static final List<String> TABLES = List.of("outcome_case", "outcome_assessment", "outcome_technique",
            "outcome_plan_exercise", "outcome_progress", "exercise");
    private static final String HISTORY = "/stored-history/with-revisions.json";
    private static final String READ_MODEL = "/stored-history/with-revisions-read-model.json";

    @Test
    void a_store_written_by_the_code_of_december_2026_loads_and_replays_as_it_did() {
        List<StoredHistory.Row> rows = StoredHistory.read(HISTORY);
        try (ConfigurableApplicationContext treatment =
                     SoleusInfrastructureInitializer.startOnNewDatabase(TreatmentApplication.class, "treatment_history")) {
            JdbcTemplate jdbc = treatment.getBean(JdbcTemplate.class);
            StoredHistory.write(jdbc, rows);

            EventProcessingConfiguration processing = treatment.getBean(EventProcessingConfiguration.class);
            for (String group : List.of(OutcomeProjection.GROUP, "exercise-library")) {
                ReadModels.awaitCaughtUp(processing.eventProcessor(group, StreamingEventProcessor.class)
                        .orElseThrow(), jdbc, Duration.ofSeconds(60));
            }
            assertThat(ReadModels.snapshot(jdbc, TABLES)).isEqualTo(StoredHistory.readModel(READ_MODEL));

            long aggregates = rows.stream().map(row -> row.aggregateType() + "/" + row.aggregateId()).distinct().count();
            assertThat(StoredHistory.loadEveryAggregate(treatment, rows)).isEqualTo(aggregates);
        }
    }
}
