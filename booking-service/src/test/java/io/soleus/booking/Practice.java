package io.soleus.booking;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.soleus.booking.client.ClientCommands.RegisterClient;
import io.soleus.booking.clinic.ClinicCommands.OpenClinic;
import io.soleus.booking.clinic.ClinicCommands.Room;
import io.soleus.booking.session.SessionCommands.BookSession;
import io.soleus.booking.sessiontype.SessionTypeCommands.DefineSessionType;
import io.soleus.booking.therapist.TherapistCommands.RegisterTherapist;
import io.soleus.booking.therapist.TherapistCommands.SetWeeklyAvailability;
import io.soleus.kernel.Actor;
import io.soleus.kernel.Actor.Role;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.Channel;

/**
 * The practice the booking rules are told in: the Riverside clinic in London (Monday to Saturday,
 * 08:00-20:00, two rooms) and the Hillside clinic, a therapist who works at both, an initial
 * assessment of 60 minutes with 15 minutes after it, and two runners as clients.
 */
public final class Practice {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** A Monday in winter (London is on UTC), a week before the sessions of the stories. */
    public static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    public static final LocalDate MONDAY = LocalDate.parse("2026-11-30");

    public final ClinicId riverside = ClinicId.random();
    public final RoomId treatmentRoom1 = RoomId.random();
    public final RoomId treatmentRoom2 = RoomId.random();
    public final ClinicId hillside = ClinicId.random();
    public final RoomId hillsideRoom = RoomId.random();
    public final TherapistId maya = TherapistId.random();
    public final TherapistId tom = TherapistId.random();
    public final SessionTypeId initialAssessment = SessionTypeId.random();
    public final ClientId runner = ClientId.random();
    public final ClientId cyclist = ClientId.random();

    public static WeeklyHours hours(String from, String to, DayOfWeek... days) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : days) {
            week.put(day, List.of(new Hours(LocalTime.parse(from), LocalTime.parse(to))));
        }
        return new WeeklyHours(week);
    }

    public static WeeklyHours weekdays(String from, String to) {
        return hours(from, to, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
    }

    /** {@code time} on Monday {@link #MONDAY} in London. */
    public static Instant monday(String time) {
        return on(MONDAY, time);
    }

    public static Instant on(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    public OpenClinic openRiverside() {
        return new OpenClinic(riverside, "Riverside", "1 River Walk, London", LONDON, weekdays("08:00", "20:00"),
                List.of(new Room(treatmentRoom1, "Treatment room 1"), new Room(treatmentRoom2, "Treatment room 2")), null);
    }

    public OpenClinic openHillside() {
        return new OpenClinic(hillside, "Hillside", "5 Hill Road, London", LONDON, weekdays("08:00", "20:00"),
                List.of(new Room(hillsideRoom, "Hillside room")), Duration.ofHours(48));
    }

    /** Both clinics, Maya at both (weekdays 09:00-17:00 at each), Tom at Riverside, both offering the assessment. */
    public Object[] setUp() {
        return new Object[] {
                openRiverside(), openHillside(),
                new RegisterTherapist(maya, "Maya Lindqvist", Set.of(riverside, hillside)),
                new SetWeeklyAvailability(maya, riverside, weekdays("09:00", "17:00")),
                new SetWeeklyAvailability(maya, hillside, weekdays("09:00", "17:00")),
                new RegisterTherapist(tom, "Tom Okafor", Set.of(riverside)),
                new SetWeeklyAvailability(tom, riverside, weekdays("09:00", "17:00")),
                new DefineSessionType(initialAssessment, "Initial assessment", Duration.ofMinutes(60),
                        Duration.ofMinutes(15), Set.of(maya, tom)),
                new RegisterClient(runner, "Riley Runner", "riley@example.org", "+44 7700 900123", Channel.EMAIL, true, "en"),
                new RegisterClient(cyclist, "Casey Cyclist", "casey@example.org", null, Channel.EMAIL, false, "en"),
        };
    }

    public BookSession book(ClientId client, TherapistId therapist, ClinicId clinic, Instant start) {
        return new BookSession(SessionId.random(), client, therapist, clinic, initialAssessment, start, ADMIN);
    }

    public static final Actor ADMIN = new Actor("admin", Set.of(Role.ADMIN), Set.of());

    public static Actor clientUser(ClientId client) {
        return new Actor("sign-in-of-" + client, Set.of(Role.CLIENT), Set.of(), client.toString(), null);
    }

    public static Actor therapistUser(TherapistId therapist, ClinicId... clinics) {
        return new Actor("sign-in-of-" + therapist, Set.of(Role.THERAPIST),
                Set.of(java.util.Arrays.stream(clinics).map(ClinicId::toString).toArray(String[]::new)), null,
                therapist.toString());
    }
}
