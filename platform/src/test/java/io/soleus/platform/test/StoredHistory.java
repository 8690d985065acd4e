package io.soleus.platform.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event store as an earlier version of a service wrote it, kept as a golden file: its rows, each
 * with its payload type, revision and JSON as stored. Written back into an empty store, a service of
 * today must load every aggregate and replay every projection from it; a change that breaks old
 * history fails the build.
 */
public final class StoredHistory {

    /** One row of {@code domain_event_entry}. */
    public record Row(String aggregateType, String aggregateId, long sequence, String eventId, String timestamp,
                      String payloadType, String revision, JsonNode payload, JsonNode metaData) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredHistory() {
    }

    /** The rows of a golden file on the class path, in the order they were stored. */
    public static List<Row> read(String resource) {
        return json(resource, new TypeReference<>() { });
    }

    /** A read model as that version of the service built it from the rows: each table's rows, as text. */
    public static Map<String, List<String>> readModel(String resource) {
        return json(resource, new TypeReference<>() { });
    }

    private static <T> T json(String resource, TypeReference<T> type) {
        try (InputStream in = StoredHistory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No golden file at " + resource);
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the rows to the store, byte for byte as they were stored. */
    public static void write(JdbcTemplate jdbc, List<Row> rows) {
        jdbc.batchUpdate("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, 500, (statement, row) -> {
            statement.setString(1, row.aggregateId());
            statement.setLong(2, row.sequence());
            statement.setString(3, row.aggregateType());
            statement.setString(4, row.eventId());
            statement.setString(5, row.timestamp());
            statement.setString(6, row.payloadType());
            statement.setString(7, row.revision());
            statement.setBytes(8, bytes(row.payload()));
            statement.setBytes(9, row.metaData() == null ? null : bytes(row.metaData()));
        });
    }

    /**
     * Loads every aggregate of the rows through the service's own repository (the bean named after
     * the aggregate type, e.g. {@code sessionRepository}), so each stored event passes its
     * event-sourcing handler. Returns how many were loaded.
     */
    public static int loadEveryAggregate(ApplicationContext context, List<Row> rows) {
        Set<List<String>> aggregates = new LinkedHashSet<>();
        rows.stream().filter(row -> row.aggregateType() != null)
                .forEach(row -> aggregates.add(List.of(row.aggregateType(), row.aggregateId())));
        for (List<String> aggregate : aggregates) {
            String type = aggregate.get(0);
            Repository<?> repository = context.getBean(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "Repository",
                    Repository.class);
            DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(aggregate.get(1)));
        }
        return aggregates.size();
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
