package io.soleus.booking;

import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static io.soleus.booking.Practice.monday;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.soleus.booking.scheduling.SchedulingProjection;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.TestTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The scheduling read model is a fold of the events: thrown away and replayed, it comes back identical. */
@BookingServiceTest
class SchedulingReplayTest {

    static final List<String> TABLES = List.of("scheduling_clinic", "scheduling_room", "scheduling_therapist",
            "scheduling_therapist_clinic", "scheduling_availability_exception", "scheduling_session_type",
            "scheduling_session_type_therapist", "scheduling_client", "scheduling_session");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetTheClock() {
        clock.set(Practice.NOW);
    }

    @Test
    void a_replay_rebuilds_the_scheduling_read_model_identically() {
        BookingApi api = new BookingApi(port);
        String clinic = api.openClinic("Riverside", "Europe/London", "08:00", "20:00", "Room 1", "Room 2");
        String maya = api.registerTherapist("Maya Lindqvist", clinic);
        api.setWeekdayHours(maya, clinic, "09:00", "17:00");
        expect(201, api.post(TestTokens.admin(), "/therapists/" + maya + "/exceptions", Map.of("kind", "TIME_OFF",
                "from", monday("00:00").plus(Duration.ofDays(2)).toString(), "to", monday("00:00").plus(Duration.ofDays(3)).toString())));
        String type = api.defineSessionType("Follow-up treatment", 45, 15, maya);
        String runner = api.registerClient("Riley Runner", "riley@example.org");
        String kept = created(api.book(TestTokens.admin(), runner, maya, clinic, type, monday("09:00"))).text("sessionId");
        String moved = created(api.book(TestTokens.admin(), runner, maya, clinic, type, monday("11:00"))).text("sessionId");
        String dropped = created(api.book(TestTokens.admin(), runner, maya, clinic, type, monday("14:00"))).text("sessionId");
        expect(200, api.post(TestTokens.admin(), "/sessions/" + moved + "/reschedule", Map.of("start", monday("12:00").toString())));
        expect(200, api.post(TestTokens.admin(), "/sessions/" + dropped + "/cancel", Map.of("reason", "Ill")));
        clock.set(monday("09:30"));
        expect(204, api.post(TestTokens.admin(), "/sessions/" + kept + "/attended", null));
        expect(204, api.post(TestTokens.admin(), "/clinics/" + clinic + "/close", null));
        StreamingEventProcessor scheduling = processing
                .eventProcessor(SchedulingProjection.GROUP, StreamingEventProcessor.class).orElseThrow();
        ReadModels.awaitCaughtUp(scheduling, jdbc, Duration.ofSeconds(30));
        Map<String, List<String>> before = ReadModels.snapshot(jdbc, TABLES);
        assertThat(before.get("scheduling_session")).anySatisfy(row -> assertThat(row).contains(kept, "ATTENDED"));

        scheduling.shutDown();
        scheduling.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduling_session", Long.class)).isZero();
        scheduling.start();

        ReadModels.awaitCaughtUp(scheduling, jdbc, Duration.ofSeconds(30));
        assertThat(ReadModels.snapshot(jdbc, TABLES)).isEqualTo(before);
    }
}
