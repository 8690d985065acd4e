package io.soleus.bench;

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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.soleus.booking.Hours;
import io.soleus.booking.WeeklyHours;
import io.soleus.booking.client.ClientCommands.RegisterClient;
import io.soleus.booking.clinic.ClinicCommands.OpenClinic;
import io.soleus.booking.clinic.ClinicCommands.Room;
import io.soleus.booking.session.SessionCommands.BookSession;
import io.soleus.booking.sessiontype.SessionTypeCommands.DefineSessionType;
import io.soleus.booking.therapist.TherapistCommands.RegisterTherapist;
import io.soleus.booking.therapist.TherapistCommands.SetWeeklyAvailability;
import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.command.Commands;
import io.soleus.platform.test.SoleusInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bookings per second at one clinic from eight concurrent callers, each booking its own therapist
 * and client back to back, all competing for the clinic's rooms at the same times, as a busy
 * clinic's callers do: what the write path (three day schedules, the session, one transaction)
 * sustains. Run it with {@code bench/run.sh bookings [count]}.
 */
public final class BookingThroughputBenchmark {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int THREADS = 8;
    private static final Actor ADMIN = new Actor("bench", Set.of(Actor.Role.ADMIN), Set.of());

    public static void main(String[] args) throws Exception {
        int bookings = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        try (ConfigurableApplicationContext booking = BookingService.start("bench-bookings")) {
            Commands commands = booking.getBean(Commands.class);
            run(commands, bookings / 2, "warm-up");
            run(commands, bookings, "measured");
        } finally {
            SoleusInfrastructure.get().close();
        }
    }

    /** One clinic per round with a room and a therapist per thread; each thread books its own therapist's days. */
    private static void run(Commands commands, int bookings, String round) throws Exception {
        ClinicId clinic = ClinicId.random();
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            rooms.add(new Room(RoomId.random(), "Room " + i));
        }
        commands.send(new OpenClinic(clinic, "Riverside", "1 River Walk", LONDON, everyDay(), rooms, null));
        List<TherapistId> therapists = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            TherapistId therapist = TherapistId.random();
            therapists.add(therapist);
            commands.send(new RegisterTherapist(therapist, "Therapist " + i, Set.of(clinic)));
            commands.send(new SetWeeklyAvailability(therapist, clinic, everyDay()));
        }
        SessionTypeId type = SessionTypeId.random();
        commands.send(new DefineSessionType(type, "Follow-up", Duration.ofMinutes(30), Duration.ZERO, new HashSet<>(therapists)));
        List<ClientId> clients = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            ClientId client = ClientId.random();
            clients.add(client);
            commands.send(new RegisterClient(client, "Client " + i, "client" + i + "@example.org", null, Channel.EMAIL, true, "en"));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger refused = new AtomicInteger();
        LocalDate first = LocalDate.now(LONDON).plusDays(1);
        int perThread = bookings / THREADS;
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    LocalDate day = first.plusDays(i / 24 % 170);
                    LocalTime time = LocalTime.of(8, 0).plusMinutes(30L * (i % 24));
                    try {
                        // the thread's own client books its own therapist, whose rooms are tried in order
                        commands.send(new BookSession(SessionId.random(), clients.get(thread), therapists.get(thread),
                                clinic, type, day.atTime(time).atZone(LONDON).toInstant(), ADMIN));
                    } catch (RuntimeException e) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%-9s %d threads, %d bookings (%d refused) in %.1f s: %.0f bookings/s%n", round, THREADS,
                perThread * THREADS, refused.get(), seconds, perThread * THREADS / seconds);
    }

    private static WeeklyHours everyDay() {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new Hours(LocalTime.of(8, 0), LocalTime.of(20, 0))));
        }
        return new WeeklyHours(week);
    }
}
