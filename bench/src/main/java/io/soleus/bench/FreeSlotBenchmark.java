package io.soleus.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.soleus.booking.Hours;
import io.soleus.booking.WeeklyHours;
import io.soleus.booking.client.ClientCommands.RegisterClient;
import io.soleus.booking.clinic.ClinicCommands.OpenClinic;
import io.soleus.booking.clinic.ClinicCommands.Room;
import io.soleus.booking.scheduling.FreeSlotSearch.FindFreeSlots;
import io.soleus.booking.scheduling.FreeSlotSearch;
import io.soleus.booking.scheduling.SchedulingProjection;
import io.soleus.booking.session.SessionCommands.BookSession;
import io.soleus.booking.sessiontype.SessionTypeCommands.DefineSessionType;
import io.soleus.booking.therapist.TherapistCommands.AddAvailabilityException;
import io.soleus.booking.therapist.TherapistCommands.ExceptionKind;
import io.soleus.booking.therapist.TherapistCommands.RegisterTherapist;
import io.soleus.booking.therapist.TherapistCommands.SetWeeklyAvailability;
import io.soleus.kernel.Actor;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.command.Commands;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.TestTokens;
import org.HdrHistogram.Histogram;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Free-slot search for a clinic with 20 therapists over 90 days, on a calendar about half full:
 * seeds the practice through the booking service's commands, waits for the scheduling read model,
 * then times the search in the service (read model queries and slot arithmetic) and over HTTP (with
 * the JSON answer). Run it with {@code bench/run.sh free-slots}; it prints percentiles.
 */
public final class FreeSlotBenchmark {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int THERAPISTS = 20;
    private static final int ROOMS = 12;
    private static final int DAYS = 90;
    private static final int SESSIONS_PER_THERAPIST_DAY = 4;
    private static final Actor ADMIN = new Actor("bench", Set.of(Actor.Role.ADMIN), Set.of());

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try (ConfigurableApplicationContext booking = Services.booking("bench-free-slots")) {
            new FreeSlotBenchmark(booking).run(rounds);
        } finally {
            SoleusInfrastructure.get().close();
        }
    }

    private final ConfigurableApplicationContext booking;
    private final Commands commands;
    private final FreeSlotSearch search;
    private final Random random = new Random(42);

    private FreeSlotBenchmark(ConfigurableApplicationContext booking) {
        this.booking = booking;
        this.commands = booking.getBean(Commands.class);
        this.search = booking.getBean(FreeSlotSearch.class);
    }

    private void run(int rounds) throws Exception {
        LocalDate first = LocalDate.now(LONDON).plusDays(1);
        LocalDate last = first.plusDays(DAYS - 1);
        ClinicId clinic = ClinicId.random();
        SessionTypeId followUp = SessionTypeId.random();
        List<TherapistId> therapists = new ArrayList<>();
        long seeding = System.nanoTime();
        int booked = seed(clinic, followUp, therapists, first);
        System.out.printf(Locale.ROOT, "seeded %d therapists, %d rooms, %d sessions over %d days in %.1f s%n",
                THERAPISTS, ROOMS, booked, DAYS, (System.nanoTime() - seeding) / 1e9);
        ReadModels.awaitCaughtUp(booking.getBean(EventProcessingConfiguration.class)
                .eventProcessor(SchedulingProjection.GROUP, StreamingEventProcessor.class).orElseThrow(),
                booking.getBean(JdbcTemplate.class), Duration.ofMinutes(5));

        FindFreeSlots wholeClinic = new FindFreeSlots(clinic, first, last, followUp, null, false);
        FindFreeSlots oneTherapist = new FindFreeSlots(clinic, first, last, followUp, therapists.get(0), false);
        FindFreeSlots oneWeek = new FindFreeSlots(clinic, first, first.plusDays(6), followUp, null, false);
        System.out.printf(Locale.ROOT, "free starts found: whole clinic %d, one therapist %d, one week %d%n",
                search.find(wholeClinic).slots().size(), search.find(oneTherapist).slots().size(),
                search.find(oneWeek).slots().size());

        int port = ((ServletWebServerApplicationContext) booking).getWebServer().getPort();
        HttpClient http = HttpClient.newHttpClient();
        String token = TestTokens.client(UUID.randomUUID().toString());
        String query = "http://localhost:" + port + "/clinics/" + clinic + "/free-slots?sessionTypeId=" + followUp;
        HttpRequest wholeClinicHttp = get(query + "&from=" + first + "&to=" + last, token);
        HttpRequest oneWeekHttp = get(query + "&from=" + first + "&to=" + first.plusDays(6), token);

        System.out.printf(Locale.ROOT, "%-52s %8s %8s %8s %8s%n", "search (" + rounds + " rounds after warm-up)",
                "p50 ms", "p90 ms", "p99 ms", "max ms");
        measure("in service: clinic, 20 therapists, 90 days", rounds, () -> search.find(wholeClinic));
        measure("in service: one therapist, 90 days", rounds, () -> search.find(oneTherapist));
        measure("in service: clinic, 20 therapists, 7 days", rounds, () -> search.find(oneWeek));
        measure("over HTTP with JSON: clinic, 20 therapists, 90 days", rounds / 4,
                () -> send(http, wholeClinicHttp));
        measure("over HTTP with JSON: clinic, 20 therapists, 7 days", rounds, () -> send(http, oneWeekHttp));
    }

    private int seed(ClinicId clinic, SessionTypeId followUp, List<TherapistId> therapists, LocalDate first) {
        List<Room> rooms = new ArrayList<>();
        for (int i = 1; i <= ROOMS; i++) {
            rooms.add(new Room(RoomId.random(), "Room " + i));
        }
        commands.send(new OpenClinic(clinic, "Riverside", "1 River Walk", LONDON, hours("08:00", "20:00", true), rooms, null));
        for (int i = 0; i < THERAPISTS; i++) {
            TherapistId therapist = TherapistId.random();
            therapists.add(therapist);
            commands.send(new RegisterTherapist(therapist, "Therapist " + i, Set.of(clinic)));
            commands.send(new SetWeeklyAvailability(therapist, clinic, i % 2 == 0 ? hours("08:00", "16:00", false)
                    : hours("11:00", "19:00", true)));
            LocalDate away = first.plusDays(random.nextInt(DAYS - 7));
            commands.send(new AddAvailabilityException(therapist, UUID.randomUUID(), ExceptionKind.TIME_OFF, null,
                    away.atStartOfDay(LONDON).toInstant(), away.plusDays(5).atStartOfDay(LONDON).toInstant()));
        }
        commands.send(new DefineSessionType(followUp, "Follow-up treatment", Duration.ofMinutes(45),
                Duration.ofMinutes(15), new HashSet<>(therapists)));
        List<ClientId> clients = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ClientId client = ClientId.random();
            clients.add(client);
            commands.send(new RegisterClient(client, "Client " + i, "client" + i + "@example.org", null, Channel.EMAIL, true, "en"));
        }
        int booked = 0;
        for (LocalDate day = first; day.isBefore(first.plusDays(DAYS)); day = day.plusDays(1)) {
            for (TherapistId therapist : therapists) {
                for (int s = 0; s < SESSIONS_PER_THERAPIST_DAY; s++) {
                    LocalTime start = LocalTime.of(8, 0).plusMinutes(15L * random.nextInt(44));
                    try {
                        commands.send(new BookSession(SessionId.random(), clients.get(random.nextInt(clients.size())),
                                therapist, clinic, followUp, day.atTime(start).atZone(LONDON).toInstant(), ADMIN));
                        booked++;
                    } catch (RuleViolationException refused) {
                        // a taken or unavailable time: the calendar fills the way a real one does
                    }
                }
            }
        }
        return booked;
    }

    private static void measure(String name, int rounds, Callable<?> search) throws Exception {
        for (int i = 0; i < Math.max(50, rounds / 5); i++) {
            search.call();
        }
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            search.call();
            histogram.recordValue((System.nanoTime() - start) / 1000);
        }
        System.out.printf(Locale.ROOT, "%-52s %8.2f %8.2f %8.2f %8.2f%n", name,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }

    private static HttpRequest get(String uri, String token) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static int send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Search answered " + response.statusCode());
        }
        return response.body().length;
    }

    private static WeeklyHours hours(String from, String to, boolean saturday) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getValue() <= 5 || saturday && day == DayOfWeek.SATURDAY) {
                week.put(day, List.of(new Hours(LocalTime.parse(from), LocalTime.parse(to))));
            }
        }
        return new WeeklyHours(week);
    }
}
