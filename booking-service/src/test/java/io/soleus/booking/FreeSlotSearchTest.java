package io.soleus.booking;

import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static io.soleus.booking.Practice.monday;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The free-slot search offers what booking would accept and nothing it would refuse: hours on a
 * quarter-hour grid, buffers, time off, extra hours, a room, not the past.
 */
@BookingServiceTest
class FreeSlotSearchTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    BookingApi api;
    String clinic;
    String maya;
    String tom;
    String followUp;
    String runner;

    @BeforeEach
    void aClinicWithOneRoomAndTwoTherapists() {
        api = new BookingApi(port);
        clinic = api.openClinic("Hillside", "Europe/London", "08:00", "18:00", "The only room");
        maya = api.registerTherapist("Maya Lindqvist", clinic);
        tom = api.registerTherapist("Tom Okafor", clinic);
        api.setWeekdayHours(maya, clinic, "09:00", "12:00");
        api.setWeekdayHours(tom, clinic, "13:00", "15:00");
        followUp = api.defineSessionType("Follow-up treatment", 45, 15, maya, tom);
        runner = api.registerClient("Riley Runner", "riley@example.org");
    }

    @AfterEach
    void resetTheClock() {
        clock.set(Practice.NOW);
    }

    /** The free starts as the desk sees them: a client is offered only what the clinic's online rules allow (BookingApiTest). */
    List<String> starts(String therapist, String from, String to) {
        String query = "/clinics/" + clinic + "/free-slots?sessionTypeId=" + followUp + "&from=" + from + "&to=" + to
                + (therapist == null ? "" : "&therapistId=" + therapist);
        JsonNode slots = expect(200, api.get(TestTokens.therapist(maya, clinic), query)).body().path("slots");
        List<String> starts = new ArrayList<>();
        slots.forEach(slot -> starts.add(slot.path("localStart").asText().substring(11, 16)));
        return starts;
    }

    List<String> mondayStarts(String therapist) {
        return starts(therapist, "2026-11-30", "2026-11-30");
    }

    void awaitModel() {
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> !mondayStarts(tom).isEmpty());
    }

    @Test
    void slots_lie_inside_the_therapists_hours_on_a_quarter_hour_grid() {
        awaitModel();

        assertThat(mondayStarts(maya)).containsExactly("09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30",
                "10:45", "11:00", "11:15");
        assertThat(mondayStarts(tom)).containsExactly("13:00", "13:15", "13:30", "13:45", "14:00", "14:15");
        assertThat(starts(null, "2026-12-05", "2026-12-06")).as("nobody works at the weekend").isEmpty();
    }

    @Test
    void a_booked_session_and_its_buffer_take_the_therapist_and_the_room() {
        awaitModel();
        created(api.book(TestTokens.admin(), runner, maya, clinic, followUp, monday("10:00")));

        await().atMost(Duration.ofSeconds(15)).until(() -> !mondayStarts(maya).contains("10:00"));
        assertThat(mondayStarts(maya)).containsExactly("09:00", "11:00", "11:15");
    }

    @Test
    void time_off_removes_slots_and_extra_hours_add_them() {
        awaitModel();
        expect(201, api.post(TestTokens.admin(), "/therapists/" + tom + "/exceptions", Map.of("kind", "TIME_OFF",
                "from", monday("13:30").toString(), "to", monday("14:00").toString())));
        expect(201, api.post(TestTokens.therapist(maya, clinic), "/therapists/" + maya + "/exceptions", Map.of(
                "kind", "EXTRA_HOURS", "clinicId", clinic, "from", monday("16:00").toString(), "to", monday("19:00").toString())));

        await().atMost(Duration.ofSeconds(15)).until(() -> mondayStarts(maya).contains("17:00"));
        assertThat(mondayStarts(tom)).containsExactly("14:00", "14:15");
        assertThat(mondayStarts(maya)).as("extra hours end with the clinic's, at six")
                .endsWith("16:00", "16:15", "16:30", "16:45", "17:00", "17:15");
    }

    @Test
    void nothing_in_the_past_is_offered() {
        awaitModel();
        clock.set(monday("10:20"));

        assertThat(mondayStarts(maya)).containsExactly("10:30", "10:45", "11:00", "11:15");
    }

    @Test
    void every_offered_slot_can_be_booked() {
        awaitModel();
        List<String> clients = new ArrayList<>();
        for (String start : mondayStarts(null)) {
            String client = api.registerClient("Client at " + start, "client" + start.replace(":", "") + "@example.org");
            clients.add(client);
        }

        List<String> offered = mondayStarts(null);
        for (int i = 0; !offered.isEmpty(); i++) {
            String start = offered.get(0);
            String therapist = start.compareTo("12:00") < 0 ? maya : tom;
            created(api.book(TestTokens.admin(), clients.get(i), therapist, clinic, followUp,
                    Instant.parse("2026-11-30T" + start + ":00Z")));
            List<String> before = offered;
            await().atMost(Duration.ofSeconds(15)).until(() -> !mondayStarts(null).equals(before));
            offered = mondayStarts(null);
        }
        assertThat(clients).hasSizeGreaterThan(4);
    }
}
