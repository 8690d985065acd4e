package io.soleus.notifications.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.value.ExerciseDose;
import io.soleus.notifications.delivery.Letter.Detail;
import io.soleus.notifications.delivery.Letter.ExerciseLine;
import io.soleus.notifications.planning.Kind;
import io.soleus.notifications.NotificationsProperties;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Composes a notification into a {@link Letter} in the client's language from what the service
 * knows at the moment of sending: the session's current time, the clinic's name and address, the
 * plan's exercises with their library descriptions. Times are shown in the clinic's time zone.
 */
@Component
class Letters {

    private final JdbcTemplate jdbc;
    private final MessageSource words;
    private final ObjectMapper json;
    private final String webUrl;

    Letters(JdbcTemplate jdbc, MessageSource messageSource, ObjectMapper json, NotificationsProperties properties) {
        this.webUrl = properties.getWebUrl().replaceAll("/+$", "");
        this.jdbc = jdbc;
        this.words = messageSource;
        this.json = json;
    }

    /** Where the client answers the clinic's intake form before a first visit. */
    private String intakeLink(Pending pending) {
        return webUrl + "/me/intake/" + pending.clinicId();
    }

    /** The clinic of a message, as clients are told of it. */
    record Clinic(String name, String address, ZoneId zone, long lateCancellationMinutes, String lateCancellationPolicy) {
    }

    /** A session as it stands now. */
    record Session(String typeName, String therapistName, Instant start, ZoneId zone, String status) {
    }

    /** The letter of a notification, from the clinic and session the delivery has already read (either may be absent). */
    Letter compose(Pending pending, Recipient recipient, Clinic clinic, Optional<Session> sessionNow) {
        Locale locale = Locale.forLanguageTag(recipient.language());
        Text text = new Text(locale);
        String signOff = clinic == null ? text.get("signoff.practice") : text.get("signoff", clinic.name());
        String footer = text.get("label.footer", clinic == null ? "Soleus" : clinic.name());
        String greeting = text.get("greeting", recipient.name());
        Kind kind = pending.kind();
        return switch (kind) {
            case CONFIRMATION, RESCHEDULE, CANCELLATION, REMINDER, LAST_REMINDER, NO_SHOW -> {
                Session session = sessionNow.orElseThrow();
                ZoneId zone = clinic != null ? clinic.zone() : session.zone();
                String when = text.when(session.start(), zone);
                String time = text.time(session.start(), zone);
                String place = clinic == null ? "" : clinic.name();
                List<Detail> details = new ArrayList<>();
                details.add(new Detail(text.get("label.session"), session.typeName()));
                details.add(new Detail(text.get("label.when"), when));
                if (session.therapistName() != null) {
                    details.add(new Detail(text.get("label.therapist"), session.therapistName()));
                }
                if (clinic != null) {
                    details.add(new Detail(text.get("label.where"), clinic.name() + ", " + clinic.address()));
                }
                List<String> paragraphs = new ArrayList<>();
                String subject;
                String shortText;
                switch (kind) {
                    case CONFIRMATION -> {
                        subject = text.get("subject.CONFIRMATION", session.typeName(), place);
                        paragraphs.add(text.get("body.CONFIRMATION", when));
                        if (clinic != null && clinic.lateCancellationMinutes() > 0) {
                            paragraphs.add(text.get("note.CONFIRMATION", text.window(clinic.lateCancellationMinutes())));
                        }
                        shortText = text.get("short.CONFIRMATION", session.typeName(), when, place);
                        if (pending.facts().path("intake").asBoolean()) {
                            String link = intakeLink(pending);
                            paragraphs.add(text.get("intake.CONFIRMATION", link));
                            shortText = shortText + " " + text.get("short.intake", link);
                        }
                    }
                    case RESCHEDULE -> {
                        String previous = text.when(Instant.parse(pending.facts().get("previousStart").asText()), zone);
                        subject = text.get("subject.RESCHEDULE", session.typeName());
                        paragraphs.add(text.get("body.RESCHEDULE", when, previous));
                        shortText = text.get("short.RESCHEDULE", session.typeName(), when, place);
                    }
                    case CANCELLATION -> {
                        subject = text.get("subject.CANCELLATION", session.typeName(), when);
                        String by = pending.facts().path("cancelledBy").asText("CLIENT");
                        paragraphs.add(text.get("body.CANCELLATION." + by, when, pending.facts().path("reason").asText()));
                        if (pending.facts().path("late").asBoolean() && "CLIENT".equals(by) && clinic != null) {
                            paragraphs.add(text.get("late.CANCELLATION", text.window(clinic.lateCancellationMinutes())));
                            if (clinic.lateCancellationPolicy() != null) {
                                paragraphs.add(clinic.lateCancellationPolicy());
                            }
                        }
                        shortText = text.get("short.CANCELLATION", session.typeName(), when);
                    }
                    case REMINDER, LAST_REMINDER -> {
                        subject = text.get("subject." + kind.name(), session.typeName(), kind == Kind.REMINDER ? when : time);
                        paragraphs.add(text.get("body.REMINDER", when, place,
                                clinic == null ? "" : clinic.address()));
                        shortText = text.get("short.REMINDER", session.typeName(), when, place);
                    }
                    default -> {
                        subject = text.get("subject.NO_SHOW");
                        paragraphs.add(text.get("body.NO_SHOW", session.typeName(), when));
                        shortText = text.get("short.NO_SHOW", session.typeName());
                    }
                }
                yield new Letter(locale, subject, greeting, paragraphs, details, List.of(), signOff, shortText, footer);
            }
            case WAITLIST_OFFER -> {
                JsonNode facts = pending.facts();
                ZoneId zone = ZoneId.of(facts.path("timeZone").asText());
                String when = text.when(Instant.parse(facts.path("start").asText()), zone);
                String until = text.when(Instant.parse(facts.path("expiresAt").asText()), zone);
                String type = facts.path("sessionTypeName").asText();
                String link = webUrl + "/me/offers/" + facts.path("offerId").asText();
                List<Detail> details = new ArrayList<>();
                details.add(new Detail(text.get("label.session"), type));
                details.add(new Detail(text.get("label.when"), when));
                details.add(new Detail(text.get("label.therapist"), facts.path("therapistName").asText()));
                if (clinic != null) {
                    details.add(new Detail(text.get("label.where"), clinic.name() + ", " + clinic.address()));
                }
                yield new Letter(locale, text.get("subject.WAITLIST_OFFER", type, when), greeting,
                        List.of(text.get("body.WAITLIST_OFFER", when, until), text.get("link.WAITLIST_OFFER", link)), details,
                        List.of(), signOff, text.get("short.WAITLIST_OFFER", type, when, until, link), footer);
            }
            case SERIES_CONFIRMATION, SERIES_RESCHEDULE, SERIES_CANCELLATION -> {
                JsonNode facts = pending.facts();
                ZoneId zone = clinic != null ? clinic.zone() : ZoneId.of(facts.path("timeZone").asText("UTC"));
                List<Instant> starts = courseStarts(facts, kind != Kind.SERIES_CANCELLATION);
                // every session cancelled since the delivery looked: the letter tells what the event told
                List<String> dates = (starts.isEmpty() ? courseStarts(facts, false) : starts).stream()
                        .map(start -> text.when(start, zone)).toList();
                String first = dates.get(0);
                int count = dates.size();
                String place = clinic == null ? "Soleus" : clinic.name();
                List<Detail> details = new ArrayList<>();
                if (facts.hasNonNull("sessionTypeName")) {
                    details.add(new Detail(text.get("label.session"), facts.path("sessionTypeName").asText()));
                }
                if (facts.hasNonNull("therapistName")) {
                    details.add(new Detail(text.get("label.therapist"), facts.path("therapistName").asText()));
                }
                if (clinic != null) {
                    details.add(new Detail(text.get("label.where"), clinic.name() + ", " + clinic.address()));
                }
                for (int i = 0; i < count; i++) {
                    details.add(new Detail(text.get("label.courseDate", i + 1), dates.get(i)));
                }
                List<String> paragraphs = new ArrayList<>();
                switch (kind) {
                    case SERIES_CONFIRMATION -> {
                        paragraphs.add(text.get("body.SERIES_CONFIRMATION", count, first));
                        if (clinic != null && clinic.lateCancellationMinutes() > 0) {
                            paragraphs.add(text.get("note.CONFIRMATION", text.window(clinic.lateCancellationMinutes())));
                        }
                        if (facts.path("intake").asBoolean()) {
                            paragraphs.add(text.get("intake.CONFIRMATION", intakeLink(pending)));
                        }
                    }
                    case SERIES_RESCHEDULE -> paragraphs.add(text.get("body.SERIES_RESCHEDULE", count, first));
                    default -> paragraphs.add(text.get("body.SERIES_CANCELLATION." + facts.path("cancelledBy").asText("CLIENT"),
                            count, first, facts.path("reason").asText()));
                }
                String shortText = text.get("short." + kind.name(), count, first, place);
                if (kind == Kind.SERIES_CONFIRMATION && facts.path("intake").asBoolean()) {
                    shortText = shortText + " " + text.get("short.intake", intakeLink(pending));
                }
                yield new Letter(locale, text.get("subject." + kind.name(), count, place, first), greeting, paragraphs,
                        details, List.of(), signOff, shortText, footer);
            }
            case PLAN -> {
                List<ExerciseLine> exercises = exercises(pending.planId(), pending.planRevision(), text);
                String subject = text.get(pending.planRevision() != null && pending.planRevision() > 1
                        ? "subject.PLAN.revised" : "subject.PLAN");
                yield new Letter(locale, subject, greeting, List.of(text.get("body.PLAN")), List.of(), exercises,
                        signOff, text.get("short.PLAN", exercises.size()), footer);
            }
            case PLAN_CHECK_IN -> new Letter(locale, text.get("subject.PLAN_CHECK_IN"), greeting,
                    List.of(text.get("body.PLAN_CHECK_IN")), List.of(), List.of(), signOff,
                    text.get("short.PLAN_CHECK_IN"), footer);
            case QUESTIONNAIRE -> new Letter(locale, text.get("subject.QUESTIONNAIRE"), greeting,
                    List.of(text.get("body.QUESTIONNAIRE"),
                            text.get("link.QUESTIONNAIRE", webUrl + "/me/cases/" + pending.caseId() + "/questionnaires")),
                    List.of(), List.of(), signOff,
                    text.get("short.QUESTIONNAIRE", webUrl + "/me/cases/" + pending.caseId() + "/questionnaires"), footer);
            case DISCHARGE -> {
                int finalPain = pending.facts().path("finalPain").asInt();
                Integer baseline = jdbc.queryForList("SELECT baseline_pain FROM care_case WHERE case_id = ?",
                        Integer.class, pending.caseId()).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
                List<String> paragraphs = new ArrayList<>();
                paragraphs.add(baseline == null ? text.get("body.DISCHARGE.final", finalPain)
                        : text.get("body.DISCHARGE.pain", baseline, finalPain));
                paragraphs.add(text.get(pending.facts().path("backToActivity").asBoolean()
                        ? "body.DISCHARGE.back" : "body.DISCHARGE.notBack"));
                // the discharge questionnaires measure how far she came
                paragraphs.add(text.get("link.DISCHARGE", webUrl + "/me/cases/" + pending.caseId() + "/questionnaires"));
                yield new Letter(locale, text.get("subject.DISCHARGE"), greeting, paragraphs, List.of(), List.of(),
                        signOff, text.get("short.DISCHARGE", finalPain), footer);
            }
        };
    }

    /**
     * The starts of a course's sessions a message names: with {@code asTheyAre}, each session's time
     * as it is now, leaving out those cancelled since (a session not heard of yet counts as told);
     * else the times the event told.
     */
    List<Instant> courseStarts(JsonNode facts, boolean asTheyAre) {
        List<Instant> starts = new ArrayList<>();
        JsonNode ids = facts.path("sessionIds");
        JsonNode told = facts.path("starts");
        for (int i = 0; i < told.size(); i++) {
            Instant start = Instant.parse(told.path(i).asText());
            Optional<Session> now = asTheyAre && ids.has(i) ? session(UUID.fromString(ids.path(i).asText())) : Optional.empty();
            if (now.isEmpty()) {
                starts.add(start);
            } else if (!"CANCELLED".equals(now.get().status())) {
                starts.add(now.get().start());
            }
        }
        starts.sort(null);
        return starts;
    }

    Clinic clinic(UUID clinicId) {
        return jdbc.query("""
                SELECT name, address, time_zone, late_cancellation_minutes, late_cancellation_policy
                FROM clinic WHERE clinic_id = ?""",
                (row, i) -> new Clinic(row.getString(1), row.getString(2), ZoneId.of(row.getString(3)), row.getLong(4),
                        row.getString(5)), clinicId).stream().findFirst().orElse(null);
    }

    Optional<Session> session(UUID sessionId) {
        return jdbc.query("""
                SELECT session_type_name, therapist_name, starts_at, time_zone, status FROM session WHERE session_id = ?""",
                (row, i) -> new Session(row.getString(1), row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant(),
                        ZoneId.of(row.getString(4)), row.getString(5)), sessionId).stream().findFirst();
    }

    private List<ExerciseLine> exercises(UUID planId, Integer revision, Text text) {
        String stored = jdbc.queryForObject("SELECT exercises::text FROM plan WHERE plan_id = ? AND revision = ?",
                String.class, planId, revision);
        List<PrescribedExercise> prescribed;
        try {
            prescribed = json.readValue(stored, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored plan no longer reads", e);
        }
        Map<UUID, String> descriptions = new java.util.HashMap<>();
        jdbc.query("SELECT exercise_id, description FROM exercise WHERE exercise_id = ANY (?)",
                row -> { descriptions.put(row.getObject(1, UUID.class), row.getString(2)); },
                (Object) prescribed.stream().map(p -> p.exerciseId().value()).toArray(UUID[]::new));
        return prescribed.stream().map(p -> new ExerciseLine(p.name(), text.dose(p.dose()),
                descriptions.getOrDefault(p.exerciseId().value(), ""))).toList();
    }

    /** The message source and formats of one language. */
    private final class Text {
        private final Locale locale;

        Text(Locale locale) {
            this.locale = locale;
        }

        String get(String key, Object... args) {
            return words.getMessage(key, args.length == 0 ? null : args, locale);
        }

        String when(Instant instant, ZoneId zone) {
            return DateTimeFormatter.ofPattern(get("format.when"), locale).format(instant.atZone(zone));
        }

        String time(Instant instant, ZoneId zone) {
            return DateTimeFormatter.ofPattern(get("format.time"), locale).format(instant.atZone(zone));
        }

        String window(long minutes) {
            return get("hours", Math.max(1, Math.round(minutes / 60.0)));
        }

        String dose(ExerciseDose dose) {
            String sets = dose.reps() != null ? get("dose.reps", dose.sets(), dose.reps())
                    : get("dose.hold", dose.sets(), dose.holdSeconds());
            return sets + ", " + get("dose.per." + dose.per().name(), dose.times()) + ", " + get("dose.weeks", dose.weeks());
        }
    }

    /** A facts document of a notification, read once. */
    static JsonNode facts(ObjectMapper json, String stored) {
        try {
            return json.readTree(stored == null ? "{}" : stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored facts no longer read", e);
        }
    }
}
