package io.soleus.booking;

import static io.soleus.platform.test.ApiClient.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the booking service on one database, and a hundred clients racing for the same
 * therapist and the same (only) room: every contested slot has exactly one winner, every loser a
 * 409 problem, and the event store holds no two sessions that overlap.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoubleBookingRaceTest {

    static final int THREADS = 100;
    static final int CONTESTED_SLOTS = 8;
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    BookingApi first;
    BookingApi second;
    JdbcTemplate store;
    String clinic;
    String therapist;
    String sessionType;
    LocalDate day;

    @BeforeAll
    void twoInstancesAndAClinicWithOneRoom() {
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("booking-race");
        for (int i = 0; i < 2; i++) {
            instances.add(new SpringApplicationBuilder(BookingApplication.class)
                    .initializers(SoleusInfrastructureInitializer.overriding(withPort(SoleusInfrastructureInitializer.properties(database))))
                    .run());
        }
        first = new BookingApi(port(instances.get(0)));
        second = new BookingApi(port(instances.get(1)));
        store = instances.get(0).getBean(JdbcTemplate.class);

        clinic = first.openClinic("Riverside", "Europe/London", "07:00", "21:00", "The only room");
        therapist = first.registerTherapist("Maya Lindqvist", clinic);
        first.setWeekdayHours(therapist, clinic, "07:00", "21:00");
        sessionType = first.defineSessionType("Follow-up treatment", 45, 15, therapist);
        day = LocalDate.now(LONDON).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
    }

    @AfterAll
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    /** Group {@code g} starts at 07:00 + g × 100 min; its requests start 0, 15 or 30 minutes in, so all overlap. */
    Instant contestedStart(int request) {
        int group = request % CONTESTED_SLOTS;
        int offset = (request / CONTESTED_SLOTS) % 3 * 15;
        return day.atTime(LocalTime.of(7, 0)).plusMinutes(group * 100L + offset).atZone(LONDON).toInstant();
    }

    @Test
    void a_hundred_clients_racing_for_one_therapist_and_one_room_leave_exactly_one_winner_per_slot() throws Exception {
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            clients.add((i % 2 == 0 ? first : second).registerClient("Client " + i, "client" + i + "@example.org"));
        }

        List<Response> answers = race(THREADS, i -> (i % 2 == 0 ? first : second).book(TestTokens.client(clients.get(i)),
                null, therapist, clinic, sessionType, contestedStart(i)));

        Map<Instant, List<Response>> won = new HashMap<>();
        for (int i = 0; i < THREADS; i++) {
            Response answer = answers.get(i);
            assertThat(answer.status()).as("request %d: %s", i, answer.body()).isIn(201, 409);
            if (answer.status() == 201) {
                won.computeIfAbsent(groupOf(i), g -> new ArrayList<>()).add(answer);
            } else {
                assertThat(answer.text("rule")).isIn("therapist-double-booked", "room-taken");
                assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
            }
        }
        assertThat(won).hasSize(CONTESTED_SLOTS);
        assertThat(won.values()).allSatisfy(winners -> assertThat(winners).hasSize(1));
        assertNoOverlapInTheEventStore();
    }

    @Test
    void six_therapists_racing_for_three_rooms_at_one_time_fill_each_room_once() throws Exception {
        String[] rooms = {"Room 1", "Room 2", "Room 3"};
        String hillside = first.openClinic("Hillside", "Europe/London", "07:00", "21:00", rooms);
        List<String> therapists = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            String therapist = first.registerTherapist("Therapist " + t, hillside);
            first.setWeekdayHours(therapist, hillside, "07:00", "21:00");
            therapists.add(therapist);
        }
        String followUp = first.defineSessionType("Follow-up", 30, 0, therapists.toArray(String[]::new));
        int requests = 36;
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            clients.add(first.registerClient("Hillside client " + i, "hillside" + i + "@example.org"));
        }
        Instant start = day.plusDays(2).atTime(LocalTime.of(10, 0)).atZone(LONDON).toInstant();

        // each therapist's rooms are tried from a place of their own, wrapping: racers wait for each
        // other's rooms in every order, on two instances
        List<Response> answers = race(requests, i -> (i % 2 == 0 ? first : second).book(TestTokens.client(clients.get(i)),
                null, therapists.get(i % therapists.size()), hillside, followUp, start));

        List<Response> winners = answers.stream().filter(answer -> answer.status() == 201).toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as("%s", answer.body()).isIn(201, 409));
        assertThat(answers).filteredOn(answer -> answer.status() == 409)
                .allSatisfy(answer -> assertThat(answer.text("rule")).isIn("therapist-double-booked", "room-taken"));
        assertThat(winners).as("every room taken once").hasSize(rooms.length);
        assertThat(winners.stream().map(answer -> answer.text("roomId")).distinct()).hasSize(rooms.length);
        assertThat(winners.stream().map(answer -> answer.text("therapistId")).distinct()).hasSize(rooms.length);
        assertNoOverlapInTheEventStore();
    }

    @Test
    void one_booking_retried_at_once_on_both_instances_under_one_idempotency_key_books_once() throws Exception {
        String client = first.registerClient("Impatient Client", "impatient@example.org");
        Instant start = day.plusDays(1).atTime(LocalTime.of(12, 0)).atZone(LONDON).toInstant();

        List<Response> answers = race(20, i -> (i % 2 == 0 ? first : second).book(TestTokens.client(client), null,
                therapist, clinic, sessionType, start, "Idempotency-Key", "double-click-" + client));

        assertThat(answers).extracting(Response::status).containsOnly(201);
        assertThat(answers.stream().map(answer -> answer.text("sessionId")).distinct()).hasSize(1);
        assertThat(sessionsBooked().stream().filter(booked -> booked.clientId().toString().equals(client))).hasSize(1);
    }

    @Test
    void one_client_racing_six_online_bookings_on_both_instances_holds_no_more_than_the_clinics_limit() throws Exception {
        OneRoom place = oneRoomClinic("Quayside", "Sam Reyes");
        String quayside = place.clinic();
        String sam = place.therapist();
        String followUp = place.followUp();
        assertThat(first.put(TestTokens.admin(), "/clinics/" + quayside + "/booking-rules", Map.of("minimumNotice", "PT0S",
                "maxUpcomingSessions", 2, "newClientsOnline", true, "sameDayOnline", true)).status()).isEqualTo(204);
        String client = first.registerClient("Quinn Quayside", "quinn@example.org");
        Instant seven = day.plusDays(1).atTime(LocalTime.of(7, 0)).atZone(LONDON).toInstant();

        // six different hours: no schedule is contested, only the client's count
        List<Response> answers = race(6, i -> (i % 2 == 0 ? first : second).book(TestTokens.client(client), null, sam,
                quayside, followUp, seven.plus(Duration.ofHours(i))));

        assertThat(answers).extracting(Response::status).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(2);
        assertThat(answers).filteredOn(answer -> answer.status() == 409)
                .allSatisfy(answer -> assertThat(answer.text("rule")).isEqualTo("max-upcoming-sessions"));
        assertThat(sessionsBooked().stream().filter(booked -> booked.clientId().toString().equals(client))).hasSize(2);
    }

    @Test
    void an_offer_held_for_a_waitlisted_client_is_booked_by_nobody_else_and_taken_once_on_both_instances() throws Exception {
        OneRoom place = oneRoomClinic("Pier", "Kim Osei");
        String pier = place.clinic();
        String kim = place.therapist();
        String followUp = place.followUp();
        String leaver = first.registerClient("Lee Leaver", "lee@example.org");
        String waiting = first.registerClient("Wren Waiting", "wren@example.org");
        Instant nine = day.plusDays(3).atTime(LocalTime.of(9, 0)).atZone(LONDON).toInstant();
        String session = created(first.book(TestTokens.admin(), leaver, kim, pier, followUp, nine)).text("sessionId");
        Map<String, Object> weekdays = new HashMap<>();
        for (String weekday : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            weekdays.put(weekday, List.of(Map.of("from", "07:00", "to", "21:00")));
        }
        created(first.post(TestTokens.client(waiting), "/waitlist", Map.of("clinicId", pier, "sessionTypeId", followUp,
                "times", weekdays)));
        await().atMost(Duration.ofSeconds(30)).until(() -> first.get(TestTokens.client(waiting), "/clients/" + waiting + "/waitlist")
                .body().size() == 1);

        assertThat(first.post(TestTokens.admin(), "/sessions/" + session + "/cancel", Map.of("reason", "Leaving town")).status())
                .isEqualTo(200);
        String offer = await().atMost(Duration.ofSeconds(30)).until(
                () -> second.get(TestTokens.client(waiting), "/clients/" + waiting + "/waitlist").body().path(0),
                entry -> "OFFERED".equals(entry.path("status").asText())).path("offerId").asText();

        // while it is held, ten others racing for that time on both instances are all refused
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(first.registerClient("Pier racer " + i, "pier" + i + "@example.org"));
        }
        List<Response> racers = race(others.size(), i -> (i % 2 == 0 ? first : second).book(TestTokens.client(others.get(i)),
                null, kim, pier, followUp, nine));
        assertThat(racers).allSatisfy(answer -> assertThat(answer.status()).as("%s", answer.body()).isEqualTo(409));

        // the offer taken eight times at once on both instances: one session, and every answer names it
        List<Response> accepts = race(8, i -> (i % 2 == 0 ? first : second).post(TestTokens.client(waiting),
                "/waitlist/offers/" + offer + "/accept", Map.of()));
        assertThat(accepts).allSatisfy(answer -> {
            assertThat(answer.status()).as("%s", answer.body()).isIn(200, 201);
            assertThat(answer.text("sessionId")).isEqualTo(offer);
        });
        assertThat(sessionsBooked().stream().filter(booked -> booked.sessionId().toString().equals(offer))).hasSize(1);
        assertThat(sessionsBooked().stream().filter(booked -> booked.slot().start().equals(nine)))
                .as("the leaver's cancelled session and the offer's: nobody else's").hasSize(2);
    }

    /** A clinic of one room open 07:00-21:00 on weekdays, a therapist there all those hours, and a follow-up of 45 + 15 minutes. */
    record OneRoom(String clinic, String therapist, String followUp) {
    }

    OneRoom oneRoomClinic(String name, String therapistName) {
        String clinic = first.openClinic(name, "Europe/London", "07:00", "21:00", name + " room");
        String therapist = first.registerTherapist(therapistName, clinic);
        first.setWeekdayHours(therapist, clinic, "07:00", "21:00");
        return new OneRoom(clinic, therapist, first.defineSessionType(name + " follow-up", 45, 15, therapist));
    }

    @Test
    void six_courses_racing_for_the_same_weekly_times_on_both_instances_book_each_week_once() throws Exception {
        String harbour = first.openClinic("Harbour", "Europe/London", "07:00", "21:00", "The harbour room");
        String tom = first.registerTherapist("Tom Okafor", harbour);
        first.setWeekdayHours(tom, harbour, "07:00", "21:00");
        String course = first.defineSessionType("Course session", 45, 15, tom);
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(first.registerClient("Course client " + i, "course" + i + "@example.org"));
        }
        // 10:00 or 10:15 on four Tuesdays: every request wants every week's one contested hour; half all or nothing
        List<Response> answers = race(6, i -> (i % 2 == 0 ? first : second).post(TestTokens.admin(), "/series", Map.of(
                "clientId", clients.get(i), "therapistId", tom, "clinicId", harbour, "sessionTypeId", course,
                "start", day.atTime(10, i % 3 == 0 ? 0 : 15).atZone(LONDON).toInstant().toString(), "count", 4,
                "allOrNothing", i < 3)));

        // the course that takes the first week's day first holds it until it is stored: it has them all
        int won = 0;
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i);
            assertThat(answer.status()).as("course %d: %s", i, answer.body()).isIn(201, 409);
            if (answer.status() == 201) {
                won++;
                assertThat(answer.body().path("booked")).hasSize(4);
            } else {
                assertThat(answer.text("rule")).isEqualTo("series-conflicts");
            }
        }
        assertThat(won).as("one course wins the four weeks").isEqualTo(1);
        List<SessionBooked> harbours = sessionsBooked().stream().filter(it -> it.clinicId().value().toString().equals(harbour))
                .toList();
        assertThat(harbours).hasSize(4);
        assertThat(harbours.stream().map(it -> LocalDate.ofInstant(it.slot().start(), LONDON)).distinct()).hasSize(4);
        assertNoOverlapInTheEventStore();
    }

    Instant groupOf(int request) {
        return contestedStart(request % CONTESTED_SLOTS);
    }

    void assertNoOverlapInTheEventStore() {
        List<SessionBooked> booked = sessionsBooked();
        for (int a = 0; a < booked.size(); a++) {
            for (int b = a + 1; b < booked.size(); b++) {
                SessionBooked one = booked.get(a);
                SessionBooked other = booked.get(b);
                boolean sameTherapistOrRoom = one.therapistId().equals(other.therapistId()) || one.roomId().equals(other.roomId());
                assertThat(sameTherapistOrRoom && one.slot().withBufferAfter(Duration.ofMinutes(15))
                        .overlaps(other.slot().withBufferAfter(Duration.ofMinutes(15))))
                        .as("%s and %s overlap", one.sessionId(), other.sessionId()).isFalse();
            }
        }
    }

    List<SessionBooked> sessionsBooked() {
        return store.query("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE payload_type = 'io.soleus.kernel.booking.SessionBooked'""",
                (row, i) -> read(row.getString(1)));
    }

    interface Request {
        Response send(int index) throws Exception;
    }

    /** Sends {@code count} requests from as many threads, released together. */
    static List<Response> race(int count, Request request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.send(index);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    static SessionBooked read(String json) {
        try {
            return JSON.readValue(json, SessionBooked.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> withPort(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("server.port", 0);
        return all;
    }

    static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
