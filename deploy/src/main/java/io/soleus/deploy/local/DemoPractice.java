package io.soleus.deploy.local;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo practice as a story, before anything is written: who works where, who comes for what,
 * and how each course of treatment goes. Deterministic (a fixed seed), so every run tells the same
 * story: Ana Silva's clients improve fastest and Finn Byrne's slowest; some cases stall, some clients
 * drop out, some courses are still open with sessions booked ahead; one month has many no-shows;
 * Kingston is busy and Twickenham quiet. The reference case of DOMAIN.md (Riley Runner, 7 → 5 → 3 → 2,
 * discharged at 1, back to running) is the first client's. On a weekday, each therapist has a new
 * client's initial assessment today, for whoever tries the demo to chart.
 */
final class DemoPractice {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final int WEEKS = 16;
    /** Session starts: Kingston's therapists work mornings only there, a short and busy day; elsewhere all day. */
    static final int[] KINGSTON_HOURS = {9, 11};
    static final int[] HOURS = {8, 10, 12, 14, 16};

    /** How a course of treatment goes. */
    enum Course {
        /** Pain falls fast and the client is back to running. */
        IMPROVES_FAST,
        /** Pain falls slowly; a meaningful change by the third or fourth session. */
        IMPROVES_SLOWLY,
        /** Pain barely moves; discharged without a meaningful change. */
        STALLS,
        /** Two sessions, then a no-show and nothing more: the case stays open. */
        DROPS_OUT
    }

    record Clinic(String town, int rooms, String opens, String closes, boolean saturday) {
    }

    record Therapist(int index, String name, String email, Clinic monWedFri, Clinic tueThu) {

        Clinic at(DayOfWeek day) {
            return switch (day) {
                case MONDAY, WEDNESDAY, FRIDAY -> monWedFri;
                default -> tueThu;
            };
        }

        /** The hours this therapist works at {@code clinic}: mornings at Kingston, all day elsewhere. */
        static String[] hours(Clinic clinic) {
            return clinic.town().equals("Kingston") ? new String[] {"09:00", "13:00"} : new String[] {"08:00", "18:00"};
        }
    }

    record Finding(String code, String label, String muscle, String region) {
    }

    /** A client's course: with whom, for what, from which week, on which weekday, and how it goes. */
    record Client(int index, String name, String email, String language, Therapist therapist, Finding finding,
                  String side, Course course, int startWeek, DayOfWeek day, int visits) {
    }

    /** One planned session of a course: when, and how it ends (attended, a no-show, a late cancellation, or still ahead). */
    record Visit(Client client, int number, Instant start, Outcome outcome) {
    }

    enum Outcome { ATTENDED, NO_SHOW, LATE_CANCELLATION, AHEAD }

    static final List<Clinic> CLINICS = List.of(
            new Clinic("Kingston", 2, "07:30", "19:00", true),
            new Clinic("Richmond", 3, "08:00", "20:00", true),
            new Clinic("Twickenham", 2, "08:00", "18:00", false));

    static final List<Finding> FINDINGS = List.of(
            new Finding("soleus-myofascial-pain", "Soleus myofascial pain", "soleus", "lower-medial"),
            new Finding("gastrocnemius-trigger-points", "Medial gastrocnemius trigger points", "gastrocnemius-medial", "upper-medial"),
            new Finding("tibialis-posterior-tendinopathy", "Tibialis posterior tendinopathy", "tibialis-posterior", "middle-medial"));

    private static final String[] THERAPISTS = {"Ana Silva", "Ben Okafor", "Chloe Martin", "Dev Patel", "Eva Novak", "Finn Byrne"};
    /** How many clients each therapist sees: Kingston's therapists the most. */
    private static final int[] CASELOAD = {9, 6, 6, 8, 6, 5};
    private static final String[] FIRST = {"Sam", "Jordan", "Alex", "Priya", "Tom", "Grace", "Luca", "Mia", "Noah", "Zara",
            "Owen", "Isla", "Ravi", "Chen", "Lena", "Kofi", "Hana", "Marek", "Sofia", "Ines", "Jack", "Amara", "Leo", "Nina",
            "Omar", "Ruby", "Felix", "Maya", "Theo", "Ava", "Yusuf", "Ella", "Dan", "Freya", "Ali", "Rosa", "Ben", "Kim", "Ivy"};
    private static final String[] LAST = {"Hughes", "Khan", "Walsh", "Moreau", "Schmidt", "Rossi", "Nowak", "Ahmed", "Brown",
            "Lindgren", "Costa", "Doyle", "Fischer", "Gupta", "Evans", "Mensah", "Ito", "Kowalski", "Reyes", "Berg"};

    final LocalDate firstMonday;
    final Instant now;
    final List<Therapist> therapists = new ArrayList<>();
    final List<Client> clients = new ArrayList<>();
    final List<Visit> visits = new ArrayList<>();
    /** Today's initial assessments of new clients, one per therapist on a weekday, waiting to be charted. */
    final List<Visit> newcomers = new ArrayList<>();

    DemoPractice(Instant now) {
        this.now = now;
        this.firstMonday = LocalDate.ofInstant(now, LONDON).minusWeeks(WEEKS - 2).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Random random = new Random(20261201);
        for (int i = 0; i < THERAPISTS.length; i++) {
            therapists.add(new Therapist(i, THERAPISTS[i], email(THERAPISTS[i]), CLINICS.get(i % 3), CLINICS.get((i + 1) % 3)));
        }
        int index = 0;
        for (Therapist therapist : therapists) {
            for (int n = 0; n < CASELOAD[therapist.index()]; n++, index++) {
                clients.add(index == 0 ? referenceCase(therapist) : client(index, therapist, n, random));
            }
        }
        plan(random);
    }

    /** Riley Runner, training for a half marathon: four weekly sessions with Ana at Kingston, six weeks ago. */
    private Client referenceCase(Therapist ana) {
        return new Client(0, "Riley Runner", "riley.runner@soleus.local", "en", ana, FINDINGS.get(0), "LEFT",
                Course.IMPROVES_FAST, WEEKS - 8, DayOfWeek.MONDAY, 4);
    }

    private Client client(int index, Therapist therapist, int n, Random random) {
        String name = FIRST[index % FIRST.length] + " " + LAST[(index * 7) % LAST.length];
        Course course = switch (therapist.index()) {
            case 0 -> n % 5 == 4 ? Course.IMPROVES_SLOWLY : Course.IMPROVES_FAST;           // Ana: her clients do better
            case 5 -> n % 3 == 0 ? Course.IMPROVES_SLOWLY : Course.STALLS;                  // Finn: slow going
            case 4 -> n % 3 == 1 ? Course.DROPS_OUT : Course.values()[n % 3];               // Eva: dropouts
            default -> Course.values()[(n + therapist.index()) % Course.values().length];
        };
        Finding finding = FINDINGS.get(n % 5 < 3 ? 0 : n % 5 == 3 ? 1 : 2);
        // Kingston's weekdays are booked first: the busiest clinic
        DayOfWeek day = kingstonDay(therapist, n).orElse(n % 2 == 0 ? DayOfWeek.MONDAY : DayOfWeek.TUESDAY);
        int startWeek = (n * 5 + therapist.index() * 3) % (WEEKS - 1);
        int visits = course == Course.IMPROVES_FAST ? 4 : course == Course.DROPS_OUT ? 3 : 5;
        return new Client(index, name, email(name), index % 6 == 5 ? "de" : "en", therapist, finding,
                random.nextBoolean() ? "LEFT" : "RIGHT", course, startWeek, day, visits);
    }

    private static java.util.Optional<DayOfWeek> kingstonDay(Therapist therapist, int n) {
        if (n % 3 == 2) {
            return java.util.Optional.empty();
        }
        if (therapist.monWedFri().town().equals("Kingston")) {
            return java.util.Optional.of(n % 2 == 0 ? DayOfWeek.MONDAY : DayOfWeek.WEDNESDAY);
        }
        if (therapist.tueThu().town().equals("Kingston")) {
            return java.util.Optional.of(n % 2 == 0 ? DayOfWeek.TUESDAY : DayOfWeek.THURSDAY);
        }
        return java.util.Optional.empty();
    }

    /** Every course's sessions on its weekday, each therapist in one session at a time. */
    private void plan(Random random) {
        Map<String, Set<Integer>> taken = new HashMap<>();
        // today at the practice: on a weekday every therapist's last hour is a new client's initial assessment, for
        // whoever tries the demo to chart; the courses are booked around it
        LocalDate today = LocalDate.ofInstant(now, LONDON);
        if (today.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()) {
            for (Therapist therapist : therapists) {
                Client newcomer = newcomer(clients.size() + newcomers.size(), therapist, today);
                int[] hours = hours(newcomer);
                int last = hours[hours.length - 1];
                taken.computeIfAbsent(therapist.name() + today, key -> new HashSet<>()).add(last);
                newcomers.add(new Visit(newcomer, 0, today.atTime(last, 0).atZone(LONDON).toInstant(), Outcome.AHEAD));
            }
        }
        for (Client client : clients) {
            for (int number = 0; number < client.visits(); number++) {
                LocalDate date = firstMonday.plusWeeks(client.startWeek() + number).with(TemporalAdjusters.nextOrSame(client.day()));
                Instant start = slot(taken, client, date);
                if (start == null) {
                    continue; // a full day: this course has one session fewer
                }
                visits.add(new Visit(client, number, start, outcome(client, number, start, random)));
                if (client.course() == Course.DROPS_OUT && number == 2) {
                    break;
                }
            }
        }
        // Riley is back to running: a sports massage is booked for next week
        Client riley = clients.get(0);
        LocalDate nextWeek = LocalDate.ofInstant(now, LONDON).with(TemporalAdjusters.next(riley.day()));
        visits.add(new Visit(riley, riley.visits(), slot(taken, riley, nextWeek), Outcome.AHEAD));
        newcomers.forEach(visit -> clients.add(visit.client()));
        visits.addAll(newcomers);
        visits.sort(Comparator.comparing(Visit::start));
    }

    /** A client who comes for the first time today: booked last week, assessed and charted by the person trying the demo. */
    private Client newcomer(int index, Therapist therapist, LocalDate today) {
        String name = FIRST[index % FIRST.length] + " " + LAST[(index * 7) % LAST.length];
        int week = (int) ChronoUnit.WEEKS.between(firstMonday, today);
        return new Client(index, name, email(name), "en", therapist, FINDINGS.get(index % FINDINGS.size()), "LEFT",
                Course.IMPROVES_FAST, week, today.getDayOfWeek(), 1);
    }

    /** The first hour of {@code date} the client's therapist is free, taken; null on a full day. */
    private static Instant slot(Map<String, Set<Integer>> taken, Client client, LocalDate date) {
        Set<Integer> used = taken.computeIfAbsent(client.therapist().name() + date, key -> new HashSet<>());
        int[] hours = hours(client);
        int hour = java.util.Arrays.stream(hours).filter(h -> !used.contains(h)).findFirst().orElse(-1);
        if (hour < 0) {
            return null;
        }
        used.add(hour);
        return date.atTime(hour, 0).atZone(LONDON).toInstant();
    }

    /** The hours a client's sessions may start: the hours of the clinic their therapist works at that day. */
    private static int[] hours(Client client) {
        return client.therapist().at(client.day()).town().equals("Kingston") ? KINGSTON_HOURS : HOURS;
    }

    private Outcome outcome(Client client, int number, Instant start, Random random) {
        if (!start.isBefore(now.minusSeconds(3600))) {
            return Outcome.AHEAD;
        }
        if (client.index() == 0) {
            return Outcome.ATTENDED;
        }
        if (client.course() == Course.DROPS_OUT && number == 2) {
            return Outcome.NO_SHOW;
        }
        if (number == 0) {
            return Outcome.ATTENDED; // an assessment opens the case
        }
        // the month before last: the summer holidays, and many no-shows
        boolean holidays = !start.isBefore(firstMonday.plusWeeks(5).atStartOfDay(LONDON).toInstant())
                && start.isBefore(firstMonday.plusWeeks(9).atStartOfDay(LONDON).toInstant());
        double roll = random.nextDouble();
        if (roll < (holidays ? 0.35 : 0.03)) {
            return Outcome.NO_SHOW;
        }
        if (roll < (holidays ? 0.40 : 0.07)) {
            return Outcome.LATE_CANCELLATION;
        }
        return Outcome.ATTENDED;
    }

    /** The pain a course's client reports at its n-th assessed session (0 the baseline). */
    static int pain(Client client, int assessed) {
        if (client.index() == 0) {
            return new int[] {7, 5, 3, 2}[Math.min(assessed, 3)];
        }
        int baseline = 6 + client.index() % 3;
        return switch (client.course()) {
            case IMPROVES_FAST -> Math.max(1, baseline - 2 * assessed - (assessed > 1 ? 1 : 0));
            case IMPROVES_SLOWLY -> Math.max(2, baseline - assessed);
            case STALLS -> baseline - (assessed % 2);
            case DROPS_OUT -> baseline - (assessed > 0 ? 1 : 0);
        };
    }

    /** Of the exercises logged, how many in ten a course's client does. */
    static int adherence(Client client) {
        return switch (client.course()) {
            case IMPROVES_FAST -> 9;
            case IMPROVES_SLOWLY -> 7;
            case STALLS -> 5;
            case DROPS_OUT -> 3;
        };
    }

    static String email(String name) {
        return name.toLowerCase().replace(' ', '.') + "@soleus.local";
    }
}
