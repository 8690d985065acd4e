package io.soleus.web.services;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** The booking service as the pages use it: what it answers, as records, and the changes people make. */
@Component
public class BookingApi {

    public record Room(UUID roomId, String name, boolean closed) {
    }

    public record Clinic(UUID clinicId, String name, String address, String timeZone, Duration lateCancellationWindow,
                         boolean closed, List<Room> rooms, BookingRules bookingRules) {
    }

    /** How a clinic takes the bookings clients make themselves; {@code maxUpcomingSessions} null for no limit. */
    public record BookingRules(Duration minimumNotice, Integer maxUpcomingSessions, boolean newClientsOnline,
                               boolean sameDayOnline, Duration offerHold) {

        /** The notice in hours as a form shows it: 12, or 0.5 for thirty minutes. */
        public String noticeHours() {
            return java.math.BigDecimal.valueOf(minimumNotice.toMinutes())
                    .divide(java.math.BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }

        public boolean noticeInWholeHours() {
            return minimumNotice.toMinutes() % 60 == 0;
        }
    }

    public record Therapist(UUID therapistId, String name, List<UUID> clinics) {
    }

    public record SessionType(UUID sessionTypeId, String name, Duration duration, Duration bufferAfter, List<UUID> therapists) {
    }

    /**
     * A session as the calendars show it; {@code clientId} is null where the caller may not see who,
     * {@code course} where it was booked on its own.
     */
    public record Session(UUID sessionId, UUID clinicId, String clinicName, UUID roomId, String roomName, UUID therapistId,
                          String therapistName, UUID clientId, String clientName, UUID sessionTypeId, String sessionType,
                          Instant start, Instant end, LocalDateTime localStart, LocalDateTime localEnd, String status,
                          boolean lateCancellation, Course course) {

        public boolean booked() {
            return "BOOKED".equals(status);
        }

        public long minutes() {
            return Duration.between(start, end).toMinutes();
        }
    }

    public record ClientSessions(UUID clientId, List<Session> upcoming, List<Session> past) {
    }

    /** A session's place in its course of treatment. */
    public record Course(UUID seriesId, int position, int size) {
    }

    /** A date of a course that cannot be had, why (the rule), and the nearest free start, if any. */
    public record CourseConflict(Instant start, String rule, String detail, Instant alternative) {
    }

    /** What a course's check found: the free dates and the conflicts. */
    public record CourseCheck(List<Instant> free, List<CourseConflict> conflicts) {
    }

    public record FreeSlot(Instant start, Instant end, LocalDateTime localStart, List<UUID> therapists) {
    }

    public record FreeSlots(UUID clinicId, UUID sessionTypeId, String timeZone, List<FreeSlot> slots) {
    }

    public record ClientProfile(UUID clientId, String name, String email, String phone, String preferredChannel,
                                boolean remindersConsent, String language) {
    }

    public record Window(UUID clinicId, String clinicName, Instant start, Instant end, LocalDateTime localStart,
                         LocalDateTime localEnd) {
    }

    public record TimeOff(UUID exceptionId, UUID clinicId, Instant start, Instant end) {
    }

    public record Availability(UUID therapistId, List<Window> working, List<TimeOff> timeOff) {
    }

    public record Share(UUID id, String name, UUID clinicId, long availableMinutes, long bookedMinutes, Double percent) {
    }

    public record Utilisation(LocalDate from, LocalDate to, List<Share> clinics, List<Share> therapists, List<Share> rooms) {
    }

    /** What booking answers to a booking: the new session's id. */
    public record Booked(UUID sessionId) {
    }

    private final ServiceClient booking;

    @Autowired
    BookingApi(Services services) {
        this(services.booking());
    }

    private BookingApi(ServiceClient booking) {
        this.booking = booking;
    }

    /** The same API with {@code token} on every call: for calls made in parallel, off the request's thread. */
    public BookingApi withToken(String token) {
        return new BookingApi(booking.withToken(token));
    }

    public List<Clinic> clinics() {
        return booking.get(new ParameterizedTypeReference<>() { }, "/clinics");
    }

    public Optional<Clinic> clinic(UUID clinicId) {
        return clinics().stream().filter(clinic -> clinic.clinicId().equals(clinicId)).findFirst();
    }

    public List<Therapist> therapists() {
        return booking.get(new ParameterizedTypeReference<>() { }, "/therapists");
    }

    public List<SessionType> sessionTypes() {
        return booking.get(new ParameterizedTypeReference<>() { }, "/session-types");
    }

    public FreeSlots freeSlots(UUID clinicId, UUID sessionTypeId, LocalDate from, LocalDate to, UUID therapistId) {
        return therapistId == null
                ? booking.get(FreeSlots.class, "/clinics/{clinic}/free-slots?sessionTypeId={type}&from={from}&to={to}",
                        clinicId, sessionTypeId, from, to)
                : booking.get(FreeSlots.class, "/clinics/{clinic}/free-slots?sessionTypeId={type}&from={from}&to={to}&therapistId={therapist}",
                        clinicId, sessionTypeId, from, to, therapistId);
    }

    public Session session(UUID sessionId) {
        return booking.get(Session.class, "/sessions/{id}", sessionId);
    }

    public ClientSessions sessionsOf(UUID clientId) {
        return booking.get(ClientSessions.class, "/clients/{id}/sessions", clientId);
    }

    public ClientProfile client(UUID clientId) {
        return booking.get(ClientProfile.class, "/clients/{id}", clientId);
    }

    /** Who changed the client's profile and sessions, newest first. */
    public List<AuditEntry> audit(UUID clientId, int limit) {
        return booking.get(new ParameterizedTypeReference<>() { }, "/clients/{id}/audit?limit={limit}", clientId, limit);
    }

    public List<Session> calendar(UUID therapistId, LocalDate from, LocalDate to) {
        return booking.get(new ParameterizedTypeReference<>() { }, "/therapists/{id}/calendar?from={from}&to={to}",
                therapistId, from, to);
    }

    public Availability availability(UUID therapistId, LocalDate from, LocalDate to) {
        return booking.get(Availability.class, "/therapists/{id}/availability?from={from}&to={to}", therapistId, from, to);
    }

    public Utilisation utilisation(LocalDate from, LocalDate to) {
        return booking.get(Utilisation.class, "/reports/utilisation?from={from}&to={to}", from, to);
    }

    public void setBookingRules(UUID clinicId, BookingRules rules) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minimumNotice", rules.minimumNotice());
        body.put("maxUpcomingSessions", rules.maxUpcomingSessions());
        body.put("newClientsOnline", rules.newClientsOnline());
        body.put("sameDayOnline", rules.sameDayOnline());
        body.put("offerHold", rules.offerHold());
        booking.put(body, "/clinics/{id}/booking-rules", clinicId);
    }

    /** A place on a clinic's waitlist; {@code clientName} only where the reader may see who. */
    public record WaitlistEntry(UUID entryId, UUID clientId, String clientName, UUID clinicId, UUID sessionTypeId,
                                String sessionTypeName, UUID therapistId, Map<String, List<Map<String, String>>> times,
                                String urgency, String status, Instant joinedAt, UUID offerId, Instant offerExpiresAt) {

        public boolean offered() {
            return "OFFERED".equals(status);
        }

        public boolean open() {
            return "WAITING".equals(status) || offered();
        }
    }

    /** A freed slot offered to a waitlisted client, held until {@code expiresAt}. */
    public record Offer(UUID offerId, UUID entryId, UUID clientId, UUID clinicId, String clinicName, String clinicAddress,
                        String timeZone, UUID therapistId, String therapistName, String sessionTypeName, Instant start,
                        Instant end, LocalDateTime localStart, Instant expiresAt, String status) {

        public boolean held() {
            return "OFFERED".equals(status);
        }
    }

    public List<WaitlistEntry> waitlistOf(UUID clientId) {
        return booking.get(new ParameterizedTypeReference<>() { }, "/clients/{id}/waitlist", clientId);
    }

    public List<WaitlistEntry> clinicWaitlist(UUID clinicId) {
        return booking.get(new ParameterizedTypeReference<>() { }, "/clinics/{id}/waitlist", clinicId);
    }

    /** Joins the signed-in client (or, for staff, {@code clientId}) to a clinic's waitlist; the key makes a repeat join once. */
    public void joinWaitlist(UUID clientId, UUID clinicId, UUID sessionTypeId, UUID therapistId, Map<String, Object> times,
                             String urgency, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        body.put("clinicId", clinicId);
        body.put("sessionTypeId", sessionTypeId);
        if (therapistId != null) {
            body.put("therapistId", therapistId);
        }
        body.put("times", times);
        body.put("urgency", urgency);
        booking.send(HttpMethod.POST, body, Map.of("Idempotency-Key", idempotencyKey), "/waitlist");
    }

    public void leaveWaitlist(UUID entryId) {
        booking.post(Map.of(), "/waitlist/{id}/leave", entryId);
    }

    public Offer offer(UUID offerId) {
        return booking.get(Offer.class, "/waitlist/offers/{id}", offerId);
    }

    /** Takes an offer; taken twice, it books once and answers the same session. */
    public UUID acceptOffer(UUID offerId, String idempotencyKey) {
        JsonNode booked = booking.send(HttpMethod.POST, Map.of(), Map.of("Idempotency-Key", idempotencyKey),
                "/waitlist/offers/{id}/accept", offerId);
        return UUID.fromString(booked.path("sessionId").asText());
    }

    /** Whether a person has a calendar subscription link ({@code whose} is "therapists" or "clients"), and since when. */
    public record FeedState(boolean active, Instant createdAt) {
    }

    public FeedState calendarFeed(String whose, UUID id) {
        return booking.get(FeedState.class, "/{whose}/{id}/calendar-feed", whose, id);
    }

    /** A new calendar link for the person, the last one stopping; answers booking's path of the feed, secret and all. */
    public String newCalendarFeed(String whose, UUID id) {
        return booking.post(Map.of(), "/{whose}/{id}/calendar-feed", whose, id).path("path").asText();
    }

    public void stopCalendarFeed(String whose, UUID id) {
        booking.send(HttpMethod.DELETE, null, Map.of(), "/{whose}/{id}/calendar-feed", whose, id);
    }

    /** The feed (RFC 5545 text) of the link whose secret is {@code secret}, fetched with no one's token. */
    public String calendarFeedText(String secret) {
        return booking.getText("/calendar-feeds/{secret}.ics", secret);
    }

    /** Registers the signed-in client under their own id; the key makes a repeated submit register once. */
    public void register(String name, String email, String phone, String channel, boolean remindersConsent, String language,
                         String idempotencyKey) {
        booking.send(HttpMethod.POST, details(name, email, phone, channel, remindersConsent, language),
                Map.of("Idempotency-Key", idempotencyKey), "/clients");
    }

    /** The client's consent to reminders alone, the rest of her details as they are. */
    public void changeRemindersConsent(UUID clientId, boolean remindersConsent) {
        booking.put(Map.of("remindersConsent", remindersConsent), "/clients/{id}/reminders-consent", clientId);
    }

    public void changeContact(UUID clientId, String name, String email, String phone, String channel, boolean remindersConsent,
                              String language) {
        booking.put(details(name, email, phone, channel, remindersConsent, language), "/clients/{id}/contact", clientId);
    }

    /** Books a session; the key makes a repeated submit (a double click, a reload) book once. */
    public Booked book(UUID clientId, UUID therapistId, UUID clinicId, UUID sessionTypeId, Instant start, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        body.put("therapistId", therapistId);
        body.put("clinicId", clinicId);
        body.put("sessionTypeId", sessionTypeId);
        body.put("start", start);
        JsonNode booked = booking.send(HttpMethod.POST, body, Map.of("Idempotency-Key", idempotencyKey), "/sessions");
        return new Booked(UUID.fromString(booked.path("sessionId").asText()));
    }

    /** Which dates of {@code count} sessions every {@code everyWeeks} weeks from {@code start} are free; books nothing. */
    public CourseCheck checkCourse(UUID clientId, UUID therapistId, UUID clinicId, UUID sessionTypeId, Instant start,
                                   int count, int everyWeeks) {
        Map<String, Object> body = course(clientId, therapistId, clinicId, sessionTypeId);
        body.put("start", start);
        body.put("count", count);
        body.put("everyWeeks", everyWeeks);
        return booking.post(CourseCheck.class, body, "/series/check");
    }

    /** Books a course on exactly {@code starts}, or nothing if one of them was taken meanwhile; answers its id. */
    public UUID bookCourse(UUID clientId, UUID therapistId, UUID clinicId, UUID sessionTypeId, List<Instant> starts,
                           String idempotencyKey) {
        Map<String, Object> body = course(clientId, therapistId, clinicId, sessionTypeId);
        body.put("starts", starts);
        body.put("allOrNothing", true);
        return UUID.fromString(booking.send(HttpMethod.POST, body, Map.of("Idempotency-Key", idempotencyKey), "/series")
                .path("seriesId").asText());
    }

    public void cancelCourseFrom(UUID seriesId, UUID sessionId, String reason, String idempotencyKey) {
        booking.send(HttpMethod.POST, Map.of("fromSessionId", sessionId, "reason", reason),
                Map.of("Idempotency-Key", idempotencyKey), "/series/{id}/cancel", seriesId);
    }

    /** Moves the session to {@code start} and every later one of its course by the same shift, or none. */
    public void rescheduleCourseFrom(UUID seriesId, UUID sessionId, Instant start, String idempotencyKey) {
        booking.send(HttpMethod.POST, Map.of("fromSessionId", sessionId, "start", start),
                Map.of("Idempotency-Key", idempotencyKey), "/series/{id}/reschedule", seriesId);
    }

    private static Map<String, Object> course(UUID clientId, UUID therapistId, UUID clinicId, UUID sessionTypeId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        body.put("therapistId", therapistId);
        body.put("clinicId", clinicId);
        body.put("sessionTypeId", sessionTypeId);
        return body;
    }

    public void reschedule(UUID sessionId, Instant start, String idempotencyKey) {
        booking.send(HttpMethod.POST, Map.of("start", start), Map.of("Idempotency-Key", idempotencyKey),
                "/sessions/{id}/reschedule", sessionId);
    }

    public void cancel(UUID sessionId, String reason, String idempotencyKey) {
        booking.send(HttpMethod.POST, Map.of("reason", reason), Map.of("Idempotency-Key", idempotencyKey),
                "/sessions/{id}/cancel", sessionId);
    }

    /** Forgets the client: their personal data reads as erased everywhere from now on. */
    public void forget(UUID clientId, String idempotencyKey) {
        booking.send(HttpMethod.POST, Map.of(), Map.of("Idempotency-Key", idempotencyKey), "/clients/{id}/forget", clientId);
    }

    public void attended(UUID sessionId, String idempotencyKey) {
        booking.send(HttpMethod.POST, Map.of(), Map.of("Idempotency-Key", idempotencyKey), "/sessions/{id}/attended", sessionId);
    }

    public void missed(UUID sessionId, String idempotencyKey) {
        booking.send(HttpMethod.POST, Map.of(), Map.of("Idempotency-Key", idempotencyKey), "/sessions/{id}/missed", sessionId);
    }

    private static Map<String, Object> details(String name, String email, String phone, String channel,
                                               boolean remindersConsent, String language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("email", email);
        if (phone != null && !phone.isBlank()) {
            body.put("phone", phone);
        }
        body.put("preferredChannel", channel);
        body.put("remindersConsent", remindersConsent);
        body.put("language", language);
        return body;
    }
}
