package io.soleus.platform.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.awaitility.Awaitility;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What replay tests and benchmarks need of a read model: its whole content, and a wait until it has caught up. */
public final class ReadModels {

    private ReadModels() {
    }

    /** Every row of every table, as text, in a stable order: two snapshots are equal when the models are. */
    public static Map<String, List<String>> snapshot(JdbcTemplate jdbc, List<String> tables) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        tables.forEach(table -> rows.put(table, jdbc.queryForList("SELECT t::text FROM " + table + " t ORDER BY t::text",
                String.class)));
        return rows;
    }

    /**
     * Waits until a service's projection has handled everything its store held when called: what a
     * test reads through the API after writing through it (the projection's segments run in parallel,
     * so one aggregate's events may be in the read model before another's).
     */
    public static void awaitCaughtUp(ApplicationContext service, String processingGroup) {
        StreamingEventProcessor processor = service.getBean(EventProcessingConfiguration.class)
                .eventProcessor(processingGroup, StreamingEventProcessor.class).orElseThrow();
        awaitCaughtUp(processor, service.getBean(JdbcTemplate.class), Duration.ofSeconds(30));
    }

    /** Waits until every segment of a processor over the service's own event store has passed its newest event. */
    public static void awaitCaughtUp(StreamingEventProcessor processor, JdbcTemplate jdbc, Duration timeout) {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
        Awaitility.await().atMost(timeout).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .allMatch(position -> position.isPresent() && position.getAsLong() >= head));
    }
}
