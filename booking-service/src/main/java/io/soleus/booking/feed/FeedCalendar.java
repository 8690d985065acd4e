package io.soleus.booking.feed;

import java.io.IOException;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.soleus.booking.feed.FeedLinks.Kind;
import io.soleus.booking.feed.FeedLinks.Owner;
import io.soleus.booking.scheduling.SchedulingQueries;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A therapist's or client's sessions as an iCalendar (RFC 5545) feed, written with iCal4j: each
 * session an event in its clinic's time zone (with the zone's rules), where (clinic, address,
 * room) and what (session type, and for a client the therapist), confirmed or cancelled. From a
 * month back to the booking horizon, from the scheduling read model. It carries no clinical data,
 * and a therapist's feed does not name the clients: a calendar app syncs it to places the practice
 * does not control.
 */
@Component
public class FeedCalendar {

    static final Duration HISTORY = Duration.ofDays(31);
    /** Bounds the memory one fetch takes: more sessions than a full diary holds in seven months. */
    static final int MOST_EVENTS = 5000;

    private static final String SESSIONS = """
            SELECT s.session_id, s.session_type_name, s.starts_at, s.ends_at, s.status, c.name, c.address, c.time_zone,
                   r.name, t.name, course.position, course.size
            FROM scheduling_session s
            """ + SchedulingQueries.COURSE + """
            JOIN scheduling_clinic c ON c.clinic_id = s.clinic_id
            JOIN scheduling_room r ON r.room_id = s.room_id
            JOIN scheduling_therapist t ON t.therapist_id = s.therapist_id
            WHERE s.%s = ? AND s.starts_at >= ? AND s.starts_at < ?
            ORDER BY s.starts_at, s.session_id
            LIMIT %d""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration horizon;
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

    public FeedCalendar(JdbcTemplate jdbc, Clock clock, @Value("${soleus.booking.horizon:P180D}") Duration horizon) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.horizon = horizon;
    }

    /** A session of the feed; {@code course} is its place in its course ("2 of 4"), or null. */
    private record Entry(UUID sessionId, String type, Instant start, Instant end, String status, String clinic,
                         String address, ZoneId zone, String room, String therapist, String course) {
    }

    /** The feed of {@code owner}, as the text a calendar app reads. */
    public String of(Owner owner) {
        Instant now = clock.instant();
        String column = owner.kind() == Kind.THERAPIST ? "therapist_id" : "client_id";
        List<Entry> entries = jdbc.query(SESSIONS.formatted(column, MOST_EVENTS), (row, i) -> new Entry(
                row.getObject(1, UUID.class), row.getString(2), row.getTimestamp(3).toInstant(),
                row.getTimestamp(4).toInstant(), row.getString(5), row.getString(6), row.getString(7),
                ZoneId.of(row.getString(8)), row.getString(9), row.getString(10),
                row.getObject(11) == null ? null : row.getInt(11) + " of " + row.getInt(12)),
                owner.id(), Timestamp.from(now.minus(HISTORY)), Timestamp.from(now.plus(horizon)));

        Calendar calendar = new Calendar()
                .add(new ProdId("-//Soleus//Calendar feed//EN"))
                .add(ImmutableVersion.VERSION_2_0)
                .add(ImmutableCalScale.GREGORIAN)
                .add(new XProperty("X-WR-CALNAME", "Soleus sessions"));
        Set<ZoneId> used = new LinkedHashSet<>();
        entries.forEach(entry -> used.add(entry.zone()));
        used.forEach(zone -> {
            net.fortuna.ical4j.model.TimeZone known = zones.getTimeZone(zone.getId());
            if (known != null) {
                calendar.add(known.getVTimeZone());
            }
        });
        // a zone iCal4j's list lacks is written in UTC rather than left out: the times stay right
        entries.forEach(entry -> calendar.add(event(entry, owner.kind(), zones.getTimeZone(entry.zone().getId()) != null
                ? entry.zone() : ZoneOffset.UTC, now)));
        StringWriter text = new StringWriter();
        try {
            new CalendarOutputter().output(calendar, text);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a calendar feed", e);
        }
        return text.toString();
    }

    private static VEvent event(Entry entry, Kind kind, ZoneId zone, Instant now) {
        boolean cancelled = "CANCELLED".equals(entry.status());
        String what = (kind == Kind.CLIENT ? entry.type() + " with " + entry.therapist() : entry.type())
                + (entry.course() == null ? "" : " (course " + entry.course() + ")");
        VEvent event = new VEvent(ZonedDateTime.ofInstant(entry.start(), zone),
                ZonedDateTime.ofInstant(entry.end(), zone), (cancelled ? "Cancelled: " : "") + what);
        event.replace(new DtStamp(now));
        event.add(new Uid(entry.sessionId() + "@soleus"));
        event.add(new Location(entry.clinic() + ", " + entry.address()));
        event.add(new Description(entry.clinic() + ", " + entry.room()));
        event.add(cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        return event;
    }
}
