package io.soleus.deploy.local;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.deploy.local.DemoPractice.Client;
import io.soleus.deploy.local.DemoPractice.Course;
import io.soleus.deploy.local.DemoPractice.Visit;
import io.soleus.kernel.id.ExerciseId;

/**
 * Writes the {@link DemoPractice} through the public APIs only, as its people would: the admin sets
 * up clinics, therapists and session types; sessions are booked, attended, missed or cancelled late;
 * therapists open cases, assess, treat, assign plans and discharge; clients log their exercises.
 * The services' development clocks start months back and are moved forward as the history is
 * written; at the end they stand at the real time again. Everyone gets a sign-in with the run's
 * demo password.
 */
public final class DemoData {

    private static final List<String> EXERCISES = List.of("bent-knee-calf-raises", "soleus-wall-stretch",
            "seated-calf-raises", "foam-rolling-the-calf");
    static final String ADMIN_EMAIL = "admin@soleus.local";

    private final PlatformHttp http = new PlatformHttp();
    private final DevIdentity identity;
    private final String admin;
    private final String password;
    private final int bookingPort;
    private final int treatmentPort;
    private final Map<String, Integer> services;

    public record Therapist(String id, String name, String email, List<String> clinics) {
    }

    /**
     * What was made: its summary and counts, the reference case's client and therapist, and the demo
     * sign-ins (every account's password is {@code password}).
     */
    public record Written(List<String> summary, String referenceClient, Therapist referenceTherapist, int sessions,
                          int attended, int noShows, int lateCancellations, int cases, int openCases, int upcoming,
                          String adminEmail, String referenceClientEmail, String password, List<Therapist> therapists,
                          LocalDate today, int newcomersToday, String forgottenClient, String clientWithoutSignIn) {
    }

    DemoData(DevIdentity identity, Map<String, Integer> services, String password) {
        this.identity = identity;
        this.services = services;
        this.password = password;
        this.bookingPort = services.get("booking-service");
        this.treatmentPort = services.get("treatment-service");
        this.admin = identity.token("admin-demo", List.of("ADMIN"), List.of());
    }

    /** Writes it all. */
    Written write() {
        DemoPractice practice = new DemoPractice(Instant.now());
        setClocks(practice.firstMonday.minusDays(7).atTime(7, 0).atZone(DemoPractice.LONDON).toInstant());

        Map<String, String> clinics = new LinkedHashMap<>();
        for (DemoPractice.Clinic clinic : DemoPractice.CLINICS) {
            List<Map<String, String>> rooms = new ArrayList<>();
            for (int room = 1; room <= clinic.rooms(); room++) {
                rooms.add(Map.of("name", "Room " + room));
            }
            clinics.put(clinic.town(), post(bookingPort, admin, "/clinics", Map.of("name", clinic.town() + " Soft Tissue Clinic",
                    "address", "1 High Street, " + clinic.town(), "timeZone", "Europe/London",
                    "openingHours", openingHours(clinic), "rooms", rooms)).path("clinicId").asText());
        }
        // online booking rules: Kingston, the busiest, wants notice and caps a client's sessions ahead;
        // Twickenham books a new client's first session at the desk; Richmond keeps the defaults
        put(bookingPort, admin, "/clinics/" + clinics.get("Kingston") + "/booking-rules", Map.of("minimumNotice", "PT12H",
                "maxUpcomingSessions", 4, "newClientsOnline", true, "sameDayOnline", false));
        put(bookingPort, admin, "/clinics/" + clinics.get("Twickenham") + "/booking-rules", Map.of("minimumNotice", "PT2H",
                "newClientsOnline", false, "sameDayOnline", true));
        // Twickenham asks its clients' questionnaires again every third session (the others every fourth);
        // the treatment service knows the clinic once booking's news of it arrives
        retrying(() -> put(treatmentPort, admin, "/clinics/" + clinics.get("Twickenham") + "/questionnaire-settings",
                Map.of("intakeForm", "calf-intake", "intakeFormVersion", 2, "followUpEvery", 3)));
        Map<DemoPractice.Therapist, Therapist> therapists = new LinkedHashMap<>();
        for (DemoPractice.Therapist planned : practice.therapists) {
            List<String> at = List.of(clinics.get(planned.monWedFri().town()), clinics.get(planned.tueThu().town()));
            String id = post(bookingPort, admin, "/therapists", Map.of("name", planned.name(), "clinics", at))
                    .path("therapistId").asText();
            put(bookingPort, admin, "/therapists/" + id + "/availability/" + at.get(0),
                    days(List.of("MONDAY", "WEDNESDAY", "FRIDAY"), DemoPractice.Therapist.hours(planned.monWedFri())));
            put(bookingPort, admin, "/therapists/" + id + "/availability/" + at.get(1),
                    days(List.of("TUESDAY", "THURSDAY"), DemoPractice.Therapist.hours(planned.tueThu())));
            therapists.put(planned, new Therapist(id, planned.name(), planned.email(), at));
        }
        List<String> everyone = therapists.values().stream().map(Therapist::id).toList();
        String initial = type("Initial assessment", 60, everyone);
        String followUp = type("Follow-up treatment", 45, everyone);
        String massage = type("Sports massage", 60, everyone);

        Map<Client, String> clientIds = new HashMap<>();
        for (Client client : practice.clients) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("name", client.name());
            details.put("email", client.email());
            details.put("preferredChannel", "EMAIL");
            details.put("remindersConsent", true);
            details.put("language", client.language());
            clientIds.put(client, post(bookingPort, admin, "/clients", details).path("clientId").asText());
        }

        Progress progress = new Progress();
        Map<Client, String> cases = new HashMap<>();
        Map<Client, Integer> assessed = new HashMap<>();
        Random random = new Random(7);
        for (Visit visit : practice.visits) {
            Client client = visit.client();
            Therapist therapist = therapists.get(client.therapist());
            String clinic = clinics.get(client.therapist().at(client.day()).town());
            Instant start = visit.start();
            setClocks(earliest(start.minus(Duration.ofDays(3)), practice.now));
            String session = post(bookingPort, admin, "/sessions", Map.of("clientId", clientIds.get(client),
                    "therapistId", therapist.id(), "clinicId", clinic, "sessionTypeId", visit.number() == 0 ? initial
                            : visit.number() < client.visits() ? followUp : massage,
                    "start", start.toString())).path("sessionId").asText();
            String clientToken = identity.token(clientIds.get(client), List.of("CLIENT"), List.of());
            switch (visit.outcome()) {
                case AHEAD -> progress.upcoming++;
                case LATE_CANCELLATION -> {
                    setClocks(start.minus(Duration.ofHours(5)));
                    post(bookingPort, clientToken, "/sessions/" + session + "/cancel", Map.of("reason", "Something came up at work"));
                    progress.lateCancellations++;
                }
                case NO_SHOW -> {
                    setClocks(start.plus(Duration.ofMinutes(50)));
                    post(bookingPort, admin, "/sessions/" + session + "/missed", Map.of());
                    progress.noShows++;
                }
                case ATTENDED -> {
                    setClocks(start.plus(Duration.ofMinutes(50)));
                    post(bookingPort, admin, "/sessions/" + session + "/attended", Map.of());
                    progress.attended++;
                    int n = assessed.merge(client, 1, Integer::sum) - 1;
                    treat(visit, therapist, clinic, session, clientIds.get(client), clientToken, cases, n, random);
                }
            }
            progress.sessions++;
        }

        setClocks(Instant.now());
        Client riley = practice.clients.get(0);
        // an admin reviews the reference case's record: Riley sees it among who opened her record
        send(treatmentPort, admin, "GET", "/clients/" + clientIds.get(riley) + "/timeline", null, Map.of());
        LocalDate today = LocalDate.ofInstant(practice.now, DemoPractice.LONDON);
        int newcomers = practice.newcomers.size();

        // a former client who asked to be forgotten: their cases still count, without them
        Client former = practice.clients.stream().filter(client -> client != riley && discharged(client, practice))
                .reduce((first, second) -> second).orElseThrow();
        post(bookingPort, admin, "/clients/" + clientIds.get(former) + "/forget", Map.of());
        // a client registered at the desk who has not signed up: an admin invites them from their record
        Client atTheDesk = practice.clients.stream().filter(client -> client != riley && client != former).findFirst()
                .orElseThrow();
        accounts(practice, therapists, clientIds, Set.of(former, atTheDesk));
        // two clients wait at Kingston for a follow-up on weekday mornings: a cancellation there is offered to them
        List<Client> waiting = practice.clients.stream().filter(client -> client != riley && client != former
                && client != atTheDesk).limit(2).toList();
        for (int i = 0; i < waiting.size(); i++) {
            post(bookingPort, identity.token(clientIds.get(waiting.get(i)), List.of("CLIENT"), List.of()), "/waitlist",
                    Map.of("clinicId", clinics.get("Kingston"), "sessionTypeId", followUp,
                            "times", days(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), new String[] {"08:00", "13:00"}),
                            "urgency", i == 0 ? "SOON" : "ROUTINE"));
        }
        // the desk books today's first new client a course of four weekly follow-ups from next week
        String course = "no course booked today (the practice is closed at weekends)";
        if (!practice.newcomers.isEmpty()) {
            Visit first = practice.newcomers.get(0);
            Client newcomer = first.client();
            Instant start = first.start().atZone(DemoPractice.LONDON).plusWeeks(1).toInstant();
            try {
                JsonNode booked = post(bookingPort, admin, "/series", Map.of("clientId", clientIds.get(newcomer),
                        "therapistId", therapists.get(newcomer.therapist()).id(),
                        "clinicId", clinics.get(newcomer.therapist().at(LocalDate.ofInstant(start, DemoPractice.LONDON).getDayOfWeek()).town()),
                        "sessionTypeId", followUp, "start", start.toString(), "count", 4));
                int inCourse = booked.path("booked").size();
                progress.sessions += inCourse;
                progress.upcoming += inCourse;
                course = newcomer.name() + ": a course of " + inCourse + " weekly follow-ups from next week";
            } catch (Refused refused) {
                // the demo's other sessions took too many of its dates: the rest of the demo stands
                course = "no course booked today: " + refused.getMessage();
            }
        }
        // today's new clients: the first answered yes to a safety question (the day sheet flags it), the second
        // answered without a flag and answered her questionnaires, any others have not answered yet
        String intakes = "today: no new clients, so no intakes waiting";
        for (int i = 0; i < Math.min(2, practice.newcomers.size()); i++) {
            Visit visit = practice.newcomers.get(i);
            Client newcomer = visit.client();
            String clinic = clinics.get(newcomer.therapist().at(LocalDate.ofInstant(visit.start(), DemoPractice.LONDON)
                    .getDayOfWeek()).town());
            String newcomerToken = identity.token(clientIds.get(newcomer), List.of("CLIENT"), List.of());
            intake(clientIds.get(newcomer), clinic, newcomerToken, newcomer.index(), i == 0);
            if (i == 1) {
                // and answered her questionnaires with it: the case her therapist opens today starts from them
                questionnaires(newcomer, intakeMeasures(clientIds.get(newcomer), clinic), newcomerToken,
                        DemoPractice.pain(newcomer, 0));
            }
            intakes = "today: " + practice.newcomers.get(0).client().name() + "'s intake raised a red flag (long travel)"
                    + (i == 1 ? ", " + newcomer.name() + " answered without one" : "");
        }
        int open = (int) cases.keySet().stream().filter(client -> !discharged(client, practice)).count();
        Therapist reference = therapists.get(riley.therapist());
        return new Written(List.of(
                "3 clinics (Kingston, Richmond, Twickenham), 6 therapists, 3 session types, " + practice.clients.size() + " clients",
                progress.sessions + " sessions over " + DemoPractice.WEEKS + " weeks: " + progress.attended + " attended, "
                        + progress.noShows + " no-shows, " + progress.lateCancellations + " late cancellations, "
                        + progress.upcoming + " still ahead; " + cases.size() + " cases, " + open + " of them open",
                "the reference case: Riley Runner, pain 7 to 1, back to running",
                "one former client forgotten at their request: their cases still count, without their name or notes",
                atTheDesk.name() + " has no sign-in yet: an admin invites them from their record",
                waiting.size() + " clients on Kingston's waitlist for a weekday morning follow-up",
                course,
                intakes,
                newcomers == 0 ? "today: no sessions (the practice is closed at weekends)"
                        : "today: " + newcomers + " new clients' initial assessments, one per therapist, ready to chart"),
                clientIds.get(riley), reference, progress.sessions, progress.attended, progress.noShows,
                progress.lateCancellations, cases.size(), open, progress.upcoming, ADMIN_EMAIL, riley.email(), password,
                List.copyOf(therapists.values()), today, newcomers, clientIds.get(former), clientIds.get(atTheDesk));
    }

    private static final class Progress {
        int sessions;
        int attended;
        int noShows;
        int lateCancellations;
        int upcoming;
    }

    /** The clinical record of an attended session by its therapist: the case, assessment, techniques, plan, progress, discharge. */
    private void treat(Visit visit, Therapist therapist, String clinic, String session, String clientId, String clientToken,
                       Map<Client, String> cases, int assessed, Random random) {
        Client client = visit.client();
        String token = identity.token(therapist.id(), List.of("THERAPIST"), therapist.clinics());
        DemoPractice.Finding finding = client.finding();
        if (cases.containsKey(client)) {
            // the therapist reads the case before recording the session: the client's access log shows it (a read
            // the outcome view cannot answer yet is only missing from the log, so its answer is not checked)
            http.send(treatmentPort, token, "GET", "/cases/" + cases.get(client), null, Map.of());
        } else {
            // before the first session the client answered the clinic's intake form, consented in it and answered
            // her questionnaires with it: the case opened at the session takes them as its baseline
            intake(clientId, clinic, clientToken, client.index(), false);
            questionnaires(client, intakeMeasures(clientId, clinic), clientToken, DemoPractice.pain(client, 0));
            cases.put(client, retrying(() -> post(treatmentPort, token, "/cases", Map.of("clientId", clientId,
                    "clinicId", clinic, "complaint", complaint(finding), "workingFinding", Map.of("code", finding.code(),
                            "label", finding.label()), "side", client.side(), "contributingFactors",
                    List.of(client.index() % 2 == 0 ? "OVERUSE" : "UNEVEN_GROUND")))).path("caseId").asText());
        }
        String caseId = cases.get(client);
        int pain = DemoPractice.pain(client, assessed);
        Map<String, Object> site = Map.of("muscle", finding.muscle(), "side", client.side(), "region", finding.region());
        List<Map<String, Object>> triggerPoints = new ArrayList<>(List.of(Map.of("site", site, "severity", pain >= 5 ? "SEVERE" : "MODERATE")));
        if (pain >= 6) {
            triggerPoints.add(Map.of("site", Map.of("muscle", "soleus", "side", client.side(), "region", "middle-lateral"),
                    "severity", "MODERATE"));
        }
        retrying(() -> post(treatmentPort, token, "/cases/" + caseId + "/assessments", Map.of("sessionId", session, "pain", pain,
                "triggerPoints", triggerPoints, "tightness", pain >= 5 ? "SEVERE" : pain >= 3 ? "MODERATE" : "MILD",
                "notes", pain >= 5 ? "Very tight, tender trigger points" : "Easing; fewer trigger points")));
        post(treatmentPort, token, "/cases/" + caseId + "/myofascial-releases", Map.of("sessionId", session,
                "region", Map.of("muscle", finding.muscle(), "side", client.side(), "region", "lower calf"),
                "minutes", 10 + 2 * (client.index() % 4), "response", pain >= 6 ? "PARTIALLY_RELEASED" : "RELEASED"));
        if (client.course() != Course.STALLS || assessed % 2 == 0) {
            post(treatmentPort, token, "/cases/" + caseId + "/trigger-point-treatments", Map.of("sessionId", session,
                    "site", site, "pressure", "MODERATE", "seconds", 90, "response", "PARTIALLY_RELEASED"));
        }
        if (assessed == 0) {
            put(treatmentPort, token, "/cases/" + caseId + "/plan", plan());
        } else {
            logExercises(client, caseId, clientToken, visit.start(), pain, random);
        }
        boolean last = visit.number() == client.visits() - 1 && client.course() != Course.DROPS_OUT;
        if (last) {
            int finalPain = Math.max(0, pain - (client.course() == Course.STALLS ? 0 : 1));
            boolean back = client.course() == Course.IMPROVES_FAST || client.course() == Course.IMPROVES_SLOWLY && finalPain <= 3;
            post(treatmentPort, token, "/cases/" + caseId + "/discharge", Map.of("finalPain", finalPain, "backToActivity", back,
                    "reason", back ? "Back to running without pain" : client.course() == Course.STALLS
                            ? "Little change; referred to a sports physician" : "Improving; continues the home programme"));
            questionnaires(client, "/cases/" + caseId + "/measures", clientToken, finalPain);
        }
    }

    /**
     * The client answers the PSFS (her running, rated the better the less it hurts) and the LEFS (every
     * activity a little easier as pain falls), to {@code path}: with her intake and again after discharge.
     */
    private void questionnaires(Client client, String path, String clientToken, int pain) {
        int running = Math.max(0, Math.min(10, 10 - pain - (client.index() % 2)));
        post(treatmentPort, clientToken, path, Map.of("instrument", "psfs", "activities",
                List.of(Map.of("name", "Running 10 km", "rating", running),
                        Map.of("name", "Hill sessions", "rating", Math.max(0, running - 1)))));
        Map<String, Integer> items = new LinkedHashMap<>();
        int total = Math.max(20, 80 - 6 * pain - client.index() % 5);
        for (String item : LEFS_ITEMS) {
            int rating = Math.min(4, total / (LEFS_ITEMS.size() - items.size()));
            items.put(item, rating);
            total -= rating;
        }
        post(treatmentPort, clientToken, path, Map.of("instrument", "lefs", "items", items));
    }

    private static String intakeMeasures(String clientId, String clinic) {
        return "/clients/" + clientId + "/intake/" + clinic + "/measures";
    }

    /** The LEFS's twenty activities, by the ids of treatment's questionnaire data. */
    private static final List<String> LEFS_ITEMS = List.of("usual-work", "usual-hobbies", "bath", "walking-rooms",
            "shoes-socks", "squatting", "lifting", "light-home", "heavy-home", "car", "two-blocks", "a-mile", "stairs",
            "standing", "sitting", "running-even", "running-uneven", "sharp-turns", "hopping", "rolling-over");

    /** The client logs the exercises of the two days before this session, keeping to the plan as their course goes. */
    private void logExercises(Client client, String caseId, String clientToken, Instant sessionStart, int pain, Random random) {
        for (int day = 2; day >= 1; day--) {
            LocalDate date = LocalDate.ofInstant(sessionStart, DemoPractice.LONDON).minusDays(day);
            for (String exercise : EXERCISES) {
                String outcome = random.nextInt(10) < DemoPractice.adherence(client) ? "DONE" : "SKIPPED";
                post(treatmentPort, clientToken, "/cases/" + caseId + "/progress", Map.of("exerciseId", exerciseId(exercise),
                        "outcome", outcome, "pain", Math.min(10, Math.max(0, pain - 1 + random.nextInt(2))), "day", date.toString()));
            }
        }
    }

    private static boolean discharged(Client client, DemoPractice practice) {
        return practice.visits.stream().anyMatch(visit -> visit.client() == client && visit.number() == client.visits() - 1
                && client.course() != Course.DROPS_OUT && visit.outcome() == DemoPractice.Outcome.ATTENDED);
    }

    /**
     * Sign-ins for the admin, every therapist and every client but those {@code without} (the forgotten
     * one, one who never signed up), all with the run's demo password; a therapist's or client's is
     * linked to their id in booking.
     */
    private void accounts(DemoPractice practice, Map<DemoPractice.Therapist, Therapist> therapists, Map<Client, String> clientIds,
                          Set<Client> without) {
        identity.account("admin-demo", ADMIN_EMAIL, "Alex Admin", password, "ADMIN", List.of());
        therapists.values().forEach(therapist -> identity.account(therapist.id(), therapist.email(), therapist.name(), password,
                "THERAPIST", therapist.clinics()));
        practice.clients.stream().filter(client -> !without.contains(client)).forEach(client -> identity.account(
                clientIds.get(client), client.email(), client.name(), password, "CLIENT", List.of()));
    }

    private static String complaint(DemoPractice.Finding finding) {
        return switch (finding.muscle()) {
            case "soleus" -> "Deep ache in the lower calf after running";
            case "gastrocnemius-medial" -> "Tight, tender upper calf when pushing off";
            default -> "Pain along the inner shin and ankle on longer runs";
        };
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

    private static Map<String, Object> openingHours(DemoPractice.Clinic clinic) {
        Map<String, Object> hours = new LinkedHashMap<>();
        List<String> days = new ArrayList<>(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        if (clinic.saturday()) {
            days.add("SATURDAY");
        }
        days.forEach(day -> hours.put(day, List.of(Map.of("from", clinic.opens(), "to", clinic.closes()))));
        return hours;
    }

    private static Map<String, Object> days(List<String> days, String[] fromTo) {
        Map<String, Object> hours = new LinkedHashMap<>();
        days.forEach(day -> hours.put(day, List.of(Map.of("from", fromTo[0], "to", fromTo[1]))));
        return hours;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void setClocks(Instant instant) {
        for (int port : services.values()) {
            put(port, admin, "/dev/clock", Map.of("now", instant.toString()));
        }
    }

    /**
     * The client answers the calf intake form (varied by {@code index}) and consents to treatment and its
     * record; with {@code redFlag}, she travelled more than four hours lately.
     */
    private void intake(String clientId, String clinic, String clientToken, int index, boolean redFlag) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("complaint-history", index % 2 == 0 ? "A deep ache in the lower calf that builds during long runs"
                : "Tight, sore calf after adding hill sessions to my training");
        answers.put("complaint-duration", List.of("days", "weeks", "months").get(index % 3));
        answers.put("weekly-km", String.valueOf(15 + 5 * (index % 8)));
        if (index % 3 == 1) {
            answers.put("recent-change", "New shoes with a lower drop a month ago");
        }
        for (String question : List.of("calf-swelling", "calf-warm-red", "long-travel", "surgery-immobilisation",
                "clot-history", "night-pain", "rest-pain", "numbness", "bone-point-pain", "exertional-tightness")) {
            answers.put(question, redFlag && question.equals("long-travel") ? "yes" : "no");
        }
        retrying(() -> post(treatmentPort, clientToken, "/clients/" + clientId + "/intake/" + clinic, Map.of(
                "language", "en", "answers", answers, "consents", List.of("TREATMENT", "DATA_PROCESSING"))));
    }

    /** Treatment learns of clinics, clients and sessions from the booking topic: a record made a moment too early is sent again. */
    private JsonNode retrying(Supplier<JsonNode> call) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            try {
                return call.get();
            } catch (Refused refused) {
                boolean notYetKnown = refused.getMessage().contains("session-not-yet-known")
                        || refused.getMessage().contains("No client") || refused.getMessage().contains("No clinic")
                        || refused.getMessage().contains("with a session of yours");
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

    /** Every change goes with an Idempotency-Key, as a careful integrator's would: a repeat makes nothing twice. */
    private JsonNode post(int port, String token, String path, Object body) {
        return send(port, token, "POST", path, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    private JsonNode put(int port, String token, String path, Object body) {
        return send(port, token, "PUT", path, body, Map.of());
    }

    private JsonNode send(int port, String token, String method, String path, Object body, Map<String, String> headers) {
        PlatformHttp.Answer answer = http.send(port, token, method, path, body, headers);
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
