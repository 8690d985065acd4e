package io.soleus.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.soleus.booking.scheduling.SchedulingProjection;
import io.soleus.kernel.Topics;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import io.soleus.platform.test.StoredHistory;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Booking today reads a store that an earlier version of the code wrote: every kind of booking event,
 * stored before events carried revisions and before bookings named their therapist (captured from
 * the code of 2 December 2026 by running the scheduling replay scenario with every other kind of
 * change added). Every aggregate loads, the scheduling read model replays to exactly what that code
 * built, and the old bookings go out on Kafka as the current version of the contract.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class StoredHistoryTest {

    private static final String HISTORY = "/stored-history/before-revisions.json";
    private static final String READ_MODEL = "/stored-history/before-revisions-read-model.json";

    @Test
    void a_store_written_before_revisions_loads_replays_and_publishes_as_today() {
        List<StoredHistory.Row> rows = StoredHistory.read(HISTORY);
        try (ConfigurableApplicationContext booking =
                     SoleusInfrastructureInitializer.startOnNewDatabase(BookingApplication.class, "booking_history")) {
            JdbcTemplate jdbc = booking.getBean(JdbcTemplate.class);
            StoredHistory.write(jdbc, rows);

            StreamingEventProcessor scheduling = booking.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(SchedulingProjection.GROUP, StreamingEventProcessor.class).orElseThrow();
            ReadModels.awaitCaughtUp(scheduling, jdbc, Duration.ofSeconds(60));
            assertThat(ReadModels.snapshot(jdbc, SchedulingReplayTest.TABLES)).isEqualTo(StoredHistory.readModel(READ_MODEL));

            long aggregates = rows.stream().map(row -> row.aggregateType() + "/" + row.aggregateId()).distinct().count();
            assertThat(StoredHistory.loadEveryAggregate(booking, rows)).isEqualTo(aggregates);

            Set<String> sessions = rows.stream().filter(row -> row.payloadType().equals(SessionBooked.class.getName()))
                    .map(StoredHistory.Row::aggregateId).collect(Collectors.toSet());
            Predicate<ConsumerRecord<String, byte[]>> oldBooking = record -> sessions.contains(record.key())
                    && CloudEventMapping.header(record, "ce_type").filter("io.soleus.booking.SessionBooked"::equals).isPresent();
            List<ConsumerRecord<String, byte[]>> booked = TopicReader.readUntil(Topics.BOOKING,
                    read -> read.stream().filter(oldBooking).count() >= sessions.size(), Duration.ofSeconds(60))
                    .stream().filter(oldBooking).toList();
            assertThat(booked).hasSize(sessions.size()).allSatisfy(record -> {
                assertThat(CloudEventMapping.header(record, "ce_contractversion")).contains("3");
                assertThat(CloudEventMapping.header(record, "ce_readableas")).contains("1");
                SessionBooked read = (SessionBooked) EventCodec.standard().decode("io.soleus.booking.SessionBooked", 2,
                        record.value());
                assertThat(read.therapistName()).as("a booking made before version 2 names no therapist").isNull();
            });
        }
    }
}
