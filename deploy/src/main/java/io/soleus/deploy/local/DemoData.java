package io.soleus.deploy.local;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.id.ExerciseId;

/**
 * Believable data through the public APIs only: three clinics in three towns, six therapists working
 * across them, three session types, thirty clients with twelve weeks of history (courses of four
 * weekly sessions with assessments, techniques, a plan and logged exercises, some no-shows and late
 * cancellations, discharges) and the reference case of DOMAIN.md (pain 7 → 5 → 3 → 2, discharged at
 * 1, back to running). The services' development clocks start twelve weeks back and are moved
 * forward as the history is written; at the end they stand at the real time again.
 */
public final class DemoData {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int[] REFERENCE_PAIN = {7, 5, 3, 2};
    private static final List<String> EXERCISES = List.of("bent-knee-calf-raises", "soleus-wall-stretch",
            "seated-calf-raises", "foam-rolling-the-calf");

    private final PlatformHttp http = new PlatformHttp();
    private final String admin;
    /** Mints a token: subject, roles, clinics. */
    private final TokenMinter tokens;

    interface TokenMinter {
        String mint(String subject, List<String> roles, List<String> clinics);
    }

    public record Therapist(String id, String name, List<String> clinics) {
    }

    /**
     * What was made: its summary and counts, and the reference case's client and therapist, whose logins
     * the welcome text prints.
     */
    public record Written(List<String> summary, String referenceClient, Therapist referenceTherapist, int sessions,
                          int attended, int noShows, int lateCancellations, int cases) {
    }

    private record Booking(String client, Therapist therapist, String clinic, String type, Instant start, int course,
                           int visit) {
    }

    private final int bookingPort;
    private final int treatmentPort;
    private final Map<String, Integer> services;

    DemoData(TokenMinter tokens, Map<String, Integer> services) {
        this.tokens = tokens;
        this.services = services;
        this.bookingPort = services.get("booking-service");
        this.treatmentPort = services.get("treatment-service");
        this.admin = tokens.mint("admin-demo", List.of("ADMIN"), List.of());
    }

    /** Writes it all. */
    Written write() {
        Instant realNow = Instant.now();
        LocalDate firstMonday = LocalDate.ofInstant(realNow, LONDON).minusWeeks(12)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        setClocks(firstMonday.atTime(7, 0).atZone(LONDON).toInstant());

        List<String> clinics = new ArrayList<>();
        for (String town : List.of("Kingston", "Richmond", "Twickenham")) {
            clinics.add(post(bookingPort, admin, "/clinics", Map.of("name", town + " Soft Tissue Clinic",
                    "address", "1 High Street, " + town, "timeZone", "Europe/London",
                    "openingHours", weekdays("07:30", "19:00"),
                    "rooms", List.of(Map.of("name", "Room 1"), Map.of("name", "Room 2")))).path("clinicId").asText());
        }
        List<Therapist> therapists = new ArrayList<>();
        String[] names = {"Ana Silva", "Ben Okafor", "Chloe Martin", "Dev Patel", "Eva Novak", "Finn Byrne"};
        for (int i = 0; i < names.length; i++) {
            List<String> at = List.of(clinics.get(i % 3), clinics.get((i + 1) % 3));
            String id = post(bookingPort, admin, "/therapists", Map.of("name", names[i], "clinics", at)).path("therapistId").asText();
            // the first clinic on Monday, Wednesday and Friday, the second on Tuesday and Thursday
            put(bookingPort, admin, "/therapists/" + id + "/availability/" + at.get(0), days(List.of("MONDAY", "WEDNESDAY", "FRIDAY")));
            put(bookingPort, admin, "/therapists/" + id + "/availability/" + at.get(1), days(List.of("TUESDAY", "THURSDAY")));
            therapists.add(new Therapist(id, names[i], at));
        }
        List<String> everyone = therapists.stream().map(Therapist::id).toList();
        String initial = type("Initial assessment", 60, everyone);
        String followUp = type("Follow-up treatment", 45, everyone);
        type("Sports massage", 60, everyone);

        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("name", i == 0 ? "Riley Runner" : "Demo Client " + (i + 1));
            client.put("email", i == 0 ? "riley.runner@soleus.local" : "client" + (i + 1) + "@soleus.local");
            client.put("preferredChannel", "EMAIL");
            client.put("remindersConsent", true);
            clients.add(post(bookingPort, admin, "/clients", client).path("clientId").asText());
        }

        // courses of four weekly sessions, staggered over twelve weeks; the first client is the reference case
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Therapist therapist = therapists.get(i % therapists.size());
            int startWeek = i == 0 ? 4 : i % 9;
            DayOfWeek day = i % 2 == 0 ? DayOfWeek.MONDAY : DayOfWeek.TUESDAY;
            String clinic = day == DayOfWeek.MONDAY ? therapist.clinics().get(0) : therapist.clinics().get(1);
            // two hours apart: an hour-long session and its buffer never touch the next
            int hour = 8 + 2 * ((i / therapists.size()) % 5);
            for (int visit = 0; visit < 4; visit++) {
                Instant start = firstMonday.plusWeeks(startWeek + visit).with(TemporalAdjusters.nextOrSame(day))
                        .atTime(hour, 0).atZone(LONDON).toInstant();
                bookings.add(new Booking(clients.get(i), therapist, clinic, visit == 0 ? initial : followUp, start, i,
                        visit));
            }
        }
        bookings.sort(Comparator.comparing(Booking::start));
        Map<Integer, String> cases = new LinkedHashMap<>();
        int attended = 0;
        int noShows = 0;
        int lateCancellations = 0;
        for (Booking booking : bookings) {
            setClocks(booking.start().minus(Duration.ofDays(3)));
            String session = post(bookingPort, admin, "/sessions", Map.of("clientId", booking.client(),
                    "therapistId", booking.therapist().id(), "clinicId", booking.clinic(),
                    "sessionTypeId", booking.type(), "start", booking.start().toString())).path("sessionId").asText();
            boolean reference = booking.course() == 0;
            if (!reference && booking.visit() == 2 && booking.course() % 7 == 3) {
                setClocks(booking.start().minus(Duration.ofHours(5)));
                post(bookingPort, tokens.mint(booking.client(), List.of("CLIENT"), List.of()), "/sessions/" + session + "/cancel",
                        Map.of("reason", "Something came up at work"));
                lateCancellations++;
                continue;
            }
            setClocks(booking.start().plus(Duration.ofMinutes(50)));
            if (!reference && booking.visit() == 3 && booking.course() % 5 == 2) {
                post(bookingPort, admin, "/sessions/" + session + "/missed", Map.of());
                noShows++;
                continue;
            }
            post(bookingPort, admin, "/sessions/" + session + "/attended", Map.of());
            attended++;
            treat(booking, session, cases, reference);
        }
        setClocks(Instant.now());
        return new Written(List.of("3 clinics (Kingston, Richmond, Twickenham), 6 therapists, 3 session types, 30 clients",
                bookings.size() + " sessions over 12 weeks: " + attended + " attended, " + noShows + " no-shows, "
                        + lateCancellations + " late cancellations; " + cases.size() + " cases",
                "the reference case: Riley Runner (riley.runner@soleus.local), pain 7 to 1, back to running"),
                clients.get(0), therapists.get(0), bookings.size(), attended, noShows, lateCancellations, cases.size());
    }

    /** The clinical record of an attended session, by its therapist; plans, progress and discharge as the course goes. */
    private void treat(Booking booking, String session, Map<Integer, String> cases, boolean reference) {
        String therapist = tokens.mint(booking.therapist().id(), List.of("THERAPIST"), booking.therapist().clinics());
        int pain = reference ? REFERENCE_PAIN[booking.visit()] : Math.max(1, 7 - booking.visit() * (1 + booking.course() % 3));
        if (booking.visit() == 0) {
            cases.put(booking.course(), retrying(() -> post(treatmentPort, therapist, "/cases", Map.of("clientId", booking.client(),
                    "clinicId", booking.clinic(), "complaint", "Deep ache in the lower calf after running",
                    "workingFinding", Map.of("code", "soleus-myofascial-pain", "label", "Soleus myofascial pain"),
                    "side", booking.course() % 2 == 0 ? "LEFT" : "RIGHT", "contributingFactors", List.of("OVERUSE"))))
                    .path("caseId").asText());
        }
        String caseId = cases.get(booking.course());
        String side = booking.course() % 2 == 0 ? "LEFT" : "RIGHT";
        retrying(() -> post(treatmentPort, therapist, "/cases/" + caseId + "/assessments", Map.of("sessionId", session, "pain", pain,
                "triggerPoints", List.of(Map.of("site", Map.of("muscle", "soleus", "side", side, "region", "lower-medial"),
                        "severity", pain >= 5 ? "SEVERE" : "MODERATE")),
                "tightness", pain >= 5 ? "SEVERE" : "MODERATE", "notes", "Tight soleus, tender trigger points")));
        post(treatmentPort, therapist, "/cases/" + caseId + "/myofascial-releases", Map.of("sessionId", session,
                "region", Map.of("muscle", "soleus", "side", side, "region", "lower calf"), "minutes", 12,
                "response", "RELEASED"));
        post(treatmentPort, therapist, "/cases/" + caseId + "/trigger-point-treatments", Map.of("sessionId", session,
                "site", Map.of("muscle", "soleus", "side", side, "region", "lower-medial"), "pressure", "MODERATE",
                "seconds", 90, "response", "PARTIALLY_RELEASED"));
        if (booking.visit() == 0) {
            put(treatmentPort, therapist, "/cases/" + caseId + "/plan", plan());
        }
        // the client logs the exercises of the two days before this session
        String client = tokens.mint(booking.client(), List.of("CLIENT"), List.of());
        if (booking.visit() > 0) {
            for (int day = 2; day >= 1; day--) {
                LocalDate date = LocalDate.ofInstant(booking.start(), LONDON).minusDays(day);
                for (String exercise : EXERCISES) {
                    String outcome = (booking.course() + day + exercise.length()) % 8 == 0 ? "SKIPPED" : "DONE";
                    post(treatmentPort, client, "/cases/" + caseId + "/progress", Map.of("exerciseId", exerciseId(exercise),
                            "outcome", outcome, "pain", Math.max(0, pain - 1), "day", date.toString()));
                }
            }
        }
        if (booking.visit() == 3) {
            post(treatmentPort, therapist, "/cases/" + caseId + "/discharge", Map.of("finalPain", Math.max(0, pain - 1),
                    "backToActivity", pain <= 3, "reason", pain <= 3 ? "Back to running without pain" : "Improving; home programme"));
        }
    }

    private static Map<String, Object> plan() {
        return Map.of("exercises", List.of(
                Map.of("exerciseId", exerciseId("bent-knee-calf-raises"), "dose", Map.of("sets", 3, "reps", 15, "times", 2, "per", "DAY", "weeks", 6)),
                Map.of("exerciseId", exerciseId("soleus-wall-stretch"), "dose", Map.of("sets", 3, "holdSeconds", 30, "times", 2, "per", "DAY", "weeks", 6)),
                Map.of("exerciseId", exerciseId("seated-calf-raises"), "dose", Map.of("sets", 3, "reps", 20, "times", 4, "per", "WEEK", "weeks", 6)),
                Map.of("exerciseId", exerciseId("foam-rolling-the-calf"), "dose", Map.of("sets", 1, "holdSeconds", 120, "times", 1, "per", "DAY", "weeks", 6))));
    }

    private static String exerciseId(String code) {
        return ExerciseId.ofLibraryCode(code).toString();
    }

    private String type(String name, int minutes, List<String> therapists) {
        return post(bookingPort, admin, "/session-types", Map.of("name", name, "durationMinutes", minutes, "bufferMinutes", 15,
                "therapists", therapists)).path("sessionTypeId").asText();
    }

    private static Map<String, Object> weekdays(String from, String to) {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")) {
            hours.put(day, List.of(Map.of("from", from, "to", to)));
        }
        return hours;
    }

    private static Map<String, Object> days(List<String> days) {
        Map<String, Object> hours = new LinkedHashMap<>();
        days.forEach(day -> hours.put(day, List.of(Map.of("from", "08:00", "to", "18:00"))));
        return hours;
    }

    private void setClocks(Instant instant) {
        for (int port : services.values()) {
            put(port, admin, "/dev/clock", Map.of("now", instant.toString()));
        }
    }

    /** Treatment learns of clients and sessions from the booking topic: a record made a moment too early is sent again. */
    private JsonNode retrying(java.util.function.Supplier<JsonNode> call) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            try {
                return call.get();
            } catch (Refused refused) {
                boolean notYetKnown = refused.getMessage().contains("session-not-yet-known")
                        || refused.getMessage().contains("No client");
                if (!notYetKnown || Instant.now().isAfter(deadline)) {
                    throw refused;
                }
                pause();
            }
        }
    }

    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private JsonNode post(int port, String token, String path, Object body) {
        return send(port, token, "POST", path, body);
    }

    private JsonNode put(int port, String token, String path, Object body) {
        return send(port, token, "PUT", path, body);
    }

    private JsonNode send(int port, String token, String method, String path, Object body) {
        PlatformHttp.Answer answer = http.send(port, token, method, path, body);
        if (!answer.ok()) {
            throw new Refused(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
