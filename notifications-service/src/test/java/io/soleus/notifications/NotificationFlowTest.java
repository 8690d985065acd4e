package io.soleus.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.treatment.ExerciseAdded;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.kernel.value.Channel;
import io.soleus.kernel.value.ExerciseDose;
import io.soleus.kernel.value.Frequency;
import io.soleus.notifications.Mailbox.Mail;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.TestTokens;
import org.axonframework.eventhandling.DomainEventMessage;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From an event on Kafka to the mail in the client's inbox: what is sent, when, and only once. */
@ExtendWith(OutputCaptureExtension.class)
class NotificationFlowTest extends NotificationsServiceTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void a_booking_on_kafka_becomes_one_confirmation_mail_even_when_the_event_arrives_twice() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = address("maya");
        ClientId maya = riverside.client("Maya Runner", email, null, Channel.EMAIL);
        awaitRecipient(maya);
        SessionId session = SessionId.random();
        Instant start = day(3).atTime(10, 0).atZone(LONDON).toInstant();

        DomainEventMessage<?> booked = riverside.book(session, maya, "Follow-up treatment", start);
        // a publisher that crashed before committing its token sends the same event again
        Practice.booking().resend(booked);
        // a later event of the same session, on the same partition: once it is handled, so are both copies
        riverside.reschedule(session, start.plus(Duration.ofHours(1)));
        awaitStatus(maya.value(), "RESCHEDULE", "SENT");
        awaitStatus(maya.value(), "CONFIRMATION", "SENT");

        assertThat(notifications(maya.value(), "CONFIRMATION")).hasSize(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> Mailbox.to(email).size() == 2);
        Mail confirmation = Mailbox.to(email).stream().filter(mail -> mail.subject().contains("is booked")).findFirst()
                .orElseThrow();
        assertThat(confirmation.subject()).isEqualTo("Your Follow-up treatment at Riverside Clinic is booked");
        assertThat(confirmation.from()).contains("no-reply@soleus.local");
        String when = day(3).getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        for (String body : List.of(confirmation.text(), confirmation.html())) {
            assertThat(body).contains("Hello Maya Runner,")
                    // the time the confirmation was written for, in London
                    .containsPattern(when + " \\d{1,2} December at 1[01]:00")
                    .contains("Riverside Clinic, 12 River Walk, Kingston KT1 1AA")
                    // version 2 of the booking names the therapist
                    .contains("Maya Lindqvist")
                    .contains("less than 24 hours before the session counts as late");
        }
        assertThat(confirmation.html()).startsWith("<!DOCTYPE html>").contains("<table");
        assertThat(awaitStatus(maya.value(), "CONFIRMATION", "SENT").get("provider_id"))
                .isEqualTo(confirmation.messageId());
        assertThat(confirmation.text()).as("her first session at the clinic: the confirmation asks for its intake form")
                .contains("Before your first visit, please answer a few questions",
                        "http://localhost:8080/me/intake/" + riverside.clinic);

        Mail moved = Mailbox.to(email).stream().filter(mail -> mail.subject().contains("has moved")).findFirst().orElseThrow();
        assertThat(moved.text()).contains("at 11:00").contains("It was on").contains("at 10:00");
    }

    @Test
    void only_the_first_booking_at_a_clinic_asks_for_its_intake_form() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = address("ivy");
        ClientId ivy = riverside.client("Ivy Intake", email, null, Channel.EMAIL);
        awaitRecipient(ivy);
        riverside.book(SessionId.random(), ivy, "Initial assessment", day(3).atTime(10, 0).atZone(LONDON).toInstant());
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 1);

        riverside.book(SessionId.random(), ivy, "Follow-up treatment", day(10).atTime(10, 0).atZone(LONDON).toInstant());
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 2);

        Mail first = Mailbox.to(email).stream().filter(mail -> mail.subject().contains("Initial assessment")).findFirst().orElseThrow();
        Mail second = Mailbox.to(email).stream().filter(mail -> mail.subject().contains("Follow-up")).findFirst().orElseThrow();
        assertThat(first.html()).contains("/me/intake/" + riverside.clinic);
        assertThat(second.text()).doesNotContain("/me/intake/").doesNotContain("Before your first visit");
    }

    @Test
    void a_waitlist_offer_is_mailed_at_once_with_its_time_its_hold_and_the_link_to_book_it() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = address("wren");
        ClientId wren = riverside.client("Wren Waiting", email, null, Channel.EMAIL);
        awaitRecipient(wren);
        Instant start = day(3).atTime(10, 0).atZone(LONDON).toInstant();

        SessionId offer = riverside.offer(UUID.randomUUID(), wren, "Follow-up treatment", start,
                CLOCK.instant().plus(Duration.ofHours(2)));

        awaitStatus(wren.value(), "WAITLIST_OFFER", "SENT");
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 1);
        Mail mail = Mailbox.to(email).get(0);
        assertThat(mail.subject()).startsWith("A time has come free for you: Follow-up treatment, ");
        for (String body : List.of(mail.text(), mail.html())) {
            assertThat(body).contains("Hello Wren Waiting,", "We are holding it for you until", "Maya Lindqvist",
                    "Riverside Clinic, 12 River Walk, Kingston KT1 1AA", "http://localhost:8080/me/offers/" + offer);
        }
    }

    @Test
    void an_offer_whose_hold_has_ended_when_it_arrives_tells_the_client_nothing() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = address("late");
        ClientId late = riverside.client("Lou Late", email, null, Channel.EMAIL);
        awaitRecipient(late);

        UUID entry = UUID.randomUUID();
        riverside.offer(entry, late, "Follow-up treatment", day(3).atTime(10, 0).atZone(LONDON).toInstant(),
                CLOCK.instant().minus(Duration.ofMinutes(1)));
        // the entry's next offer, on the same partition: once it is sent, the first was handled, and planned nothing
        SessionId next = riverside.offer(entry, late, "Follow-up treatment", day(4).atTime(10, 0).atZone(LONDON).toInstant(),
                CLOCK.instant().plus(Duration.ofHours(2)));

        awaitStatus(late.value(), "WAITLIST_OFFER", "SENT");
        assertThat(notifications(late.value(), "WAITLIST_OFFER")).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 1);
        assertThat(Mailbox.to(email).get(0).text()).contains("/me/offers/" + next);
    }

    @Test
    void a_course_is_confirmed_once_with_every_date_and_cancelling_its_rest_is_told_once_while_reminders_still_come() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = address("cora");
        ClientId cora = riverside.client("Cora Course", email, null, Channel.EMAIL);
        awaitRecipient(cora);
        SeriesId series = SeriesId.random();
        Instant first = day(3).atTime(10, 0).atZone(LONDON).toInstant();

        List<SessionId> sessions = riverside.bookCourse(series, cora, "Follow-up treatment", first, 4);

        awaitStatus(cora.value(), "SERIES_CONFIRMATION", "SENT");
        // each session of the course is still reminded of on its own (its events travel on other partitions)
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(cora.value(), "REMINDER").size() == 4);
        assertThat(notifications(cora.value(), "CONFIRMATION")).as("every session booked was read: none confirmed alone")
                .isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 1);
        Mail confirmation = Mailbox.to(email).get(0);
        assertThat(confirmation.subject()).isEqualTo("Your course of 4 sessions at Riverside Clinic is booked");
        for (String body : List.of(confirmation.text(), confirmation.html())) {
            assertThat(body).contains("We have booked your course of 4 sessions", "Session 1", "Session 4",
                    "Maya Lindqvist", "Follow-up treatment", "Riverside Clinic, 12 River Walk, Kingston KT1 1AA",
                    "/me/intake/" + riverside.clinic);
        }

        riverside.cancelCourse(series, sessions.subList(2, 4), "Therapist on leave");

        awaitStatus(cora.value(), "SERIES_CANCELLATION", "SENT");
        assertThat(notifications(cora.value(), "CANCELLATION")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 2);
        Mail cancelled = Mailbox.to(email).get(1);
        assertThat(cancelled.subject()).isEqualTo("Your remaining 2 sessions are cancelled");
        assertThat(cancelled.text()).contains("we had to cancel 2 sessions of your course", "Therapist on leave");
        // the cancelled sessions' reminders are gone, the first two's wait
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(cora.value(), "REMINDER").stream()
                .filter(row -> "SCHEDULED".equals(row.get("status"))).count() == 2);
        assertThat(notifications(cora.value(), "CANCELLATION")).isEmpty();
    }

    @Test
    void the_mail_api_is_given_its_stream_provider_rather_than_looking_it_up_for_every_body_part() {
        // the lookup scans every nested jar of a packaged service, for each part of each mail (EmailChannel)
        assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).isEqualTo(MailStreamProvider.class.getName());
    }

    @Test
    void a_client_who_reads_german_gets_the_confirmation_in_german() {
        Practice riverside = new Practice("Praxis am Fluss");
        String email = address("lena");
        ClientId lena = riverside.client("Lena Berg", email, null, Channel.EMAIL, "de");
        awaitRecipient(lena);
        LocalDate day = day(3);

        riverside.book(SessionId.random(), lena, "Erstbefund", day.atTime(10, 0).atZone(LONDON).toInstant());

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 1);
        Mail mail = Mailbox.to(email).get(0);
        assertThat(mail.subject()).isEqualTo("Ihr Termin Erstbefund bei Praxis am Fluss ist gebucht");
        String when = day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.GERMAN)
                + ", " + day.getDayOfMonth() + ". Dezember um 10:00";
        assertThat(mail.text()).contains("Hallo Lena Berg,", "Wir freuen uns auf Sie am " + when + ".",
                "weniger als 24 Stunden vorher gilt als kurzfristig");
        assertThat(mail.html()).contains("lang=\"de\"", "Wann", when);
    }

    @Test
    void reminders_fire_before_the_session_move_with_a_reschedule_and_never_come_for_a_cancelled_one(
            CapturedOutput output) {
        Practice hillside = new Practice("Hillside Clinic");
        String email = address("jo");
        String phone = "+44 7700 9" + (100000 + (int) (Math.random() * 899999));
        ClientId jo = hillside.client("Jo Walker", email, phone, Channel.EMAIL);
        awaitRecipient(jo);
        // sessions at 09:00 in London: the 24-hour mail reminder falls at 09:00 the day before, the
        // 2-hour SMS at 07:00, inside the default quiet hours (21:00 to 08:00), so it waits for 08:00
        LocalDate day = day(3);
        SessionId kept = SessionId.random();
        SessionId moved = SessionId.random();
        SessionId cancelled = SessionId.random();
        Instant nine = day.atTime(9, 0).atZone(LONDON).toInstant();
        hillside.book(kept, jo, "Kept session", nine);
        hillside.book(moved, jo, "Moved session", nine.plus(Duration.ofHours(2)));
        hillside.book(cancelled, jo, "Cancelled session", nine.plus(Duration.ofHours(4)));
        Instant movedTo = nine.plus(Duration.ofDays(2));
        hillside.reschedule(moved, movedTo);
        hillside.cancel(cancelled, CancelledBy.CLIENT, false, "Away that week");
        awaitStatus(jo.value(), "CANCELLATION", "SENT");
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(jo.value(), "REMINDER").stream()
                .anyMatch(row -> "CANCELLED".equals(row.get("status"))));

        CLOCK.set(nine.minus(Duration.ofHours(24)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders(email).contains("Reminder: your Kept session on "
                + dayName(day) + " " + day.getDayOfMonth() + " December at 09:00"));

        CLOCK.set(nine.minus(Duration.ofHours(2)).plusSeconds(1));
        Map<String, Object> held = awaitStatus(jo.value(), "LAST_REMINDER", "SCHEDULED");
        // at 07:00 the SMS is held for the morning, not sent
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(jo.value(), "LAST_REMINDER").stream()
                .anyMatch(row -> ((java.sql.Timestamp) row.get("due_at")).toInstant()
                        .equals(day.atTime(8, 0).atZone(LONDON).toInstant())));
        assertThat(SmsProvider.to(phone)).isEmpty();
        assertThat(held.get("session_id")).isNotNull();

        CLOCK.set(day.atTime(8, 0).atZone(LONDON).toInstant().plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> SmsProvider.to(phone).size() == 1);
        assertThat(SmsProvider.to(phone).get(0).getBodyAsString()).contains("Kept session");

        // the moved session's reminders went with it: nothing on its old day, the mail the day before its new time
        assertThat(reminders(email)).doesNotContain("Moved session").doesNotContain("Cancelled session");
        CLOCK.set(movedTo.minus(Duration.ofHours(24)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders(email).contains("Reminder: your Moved session on "
                + dayName(day.plusDays(2)) + " " + day.plusDays(2).getDayOfMonth() + " December at 09:00"));
        assertThat(reminders(email)).doesNotContain("Cancelled session");
        assertThat(notifications(jo.value(), "REMINDER")).extracting(row -> row.get("status"))
                .containsExactlyInAnyOrder("SENT", "SENT", "CANCELLED");
        // the service logged its work by ids: no name, address or number of the client (the test's own
        // SMTP server, GreenMail, logs the mailboxes it creates; that is not the service)
        String serviceLog = String.join("\n", output.getAll().lines()
                .filter(line -> !line.contains("c.icegreen.greenmail")).toList());
        assertThat(serviceLog).contains("sent by SMS").doesNotContain("Jo Walker").doesNotContain(email)
                .doesNotContain(phone).doesNotContain(phone.replace(" ", ""));
    }

    @Test
    void an_assigned_plan_is_mailed_with_each_exercise_its_description_and_its_dose() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = address("sam");
        ClientId sam = riverside.client("Sam Hill", email, null, Channel.EMAIL);
        awaitRecipient(sam);
        ExerciseId raises = ExerciseId.random();
        ExerciseId stretch = ExerciseId.random();
        Practice.treatment().publish("Exercise", raises.toString(), new ExerciseAdded(raises, "Bent-knee calf raises",
                "Stand on a step, knees slightly bent, and rise slowly onto the toes.", "therapist"));
        Practice.treatment().publish("Exercise", stretch.toString(), new ExerciseAdded(stretch, "Soleus wall stretch",
                "Facing a wall, bend both knees until the lower calf stretches.", "therapist"));
        CaseId caseId = riverside.openCase(sam);

        riverside.assignPlan(caseId, sam, List.of(
                new PrescribedExercise(raises, "Bent-knee calf raises", new ExerciseDose(3, 15, null, 2, Frequency.DAY, 6)),
                new PrescribedExercise(stretch, "Soleus wall stretch", new ExerciseDose(3, null, 30, 4, Frequency.WEEK, 1))));

        await().atMost(Duration.ofSeconds(30)).until(() -> !Mailbox.to(email).isEmpty());
        Mail plan = Mailbox.to(email).get(0);
        assertThat(plan.subject()).isEqualTo("Your aftercare plan");
        for (String body : List.of(plan.text(), plan.html())) {
            assertThat(body).contains("Bent-knee calf raises", "Stand on a step, knees slightly bent",
                    "3 × 15 repetitions, twice a day, for 6 weeks",
                    "Soleus wall stretch", "Facing a wall, bend both knees",
                    "3 × 30-second hold, 4 times a week, for 1 week");
        }
        assertThat(plan.html()).contains("name=\"viewport\"");
        // the check-in is planned three days later, and a discharge before it calls it off
        Map<String, Object> checkIn = awaitNotification(sam.value(), "PLAN_CHECK_IN");
        assertThat(checkIn.get("status")).isEqualTo("SCHEDULED");
        riverside.discharge(caseId, sam, 1);
        awaitStatus(sam.value(), "PLAN_CHECK_IN", "CANCELLED");
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 2);
        assertThat(Mailbox.to(email).get(1).subject()).isEqualTo("Your course of care is complete");
        assertThat(Mailbox.to(email).get(1).text()).contains("Your pain at discharge was 1 out of 10.")
                .contains("two short questionnaires", "/me/cases/" + caseId + "/questionnaires");
    }

    @Test
    void a_case_that_asks_for_its_questionnaires_again_mails_the_link_to_answer_them() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = address("quinn");
        ClientId quinn = riverside.client("Quinn Ahead", email, null, Channel.EMAIL);
        awaitRecipient(quinn);
        CaseId caseId = riverside.openCase(quinn);

        riverside.questionnairesRequested(caseId, quinn);

        await().atMost(Duration.ofSeconds(30)).until(() -> !Mailbox.to(email).isEmpty());
        Mail asked = Mailbox.to(email).get(0);
        assertThat(asked.subject()).isEqualTo("How far have you come?");
        for (String body : List.of(asked.text(), asked.html())) {
            assertThat(body).contains("A few short questions show you and your therapist how far you have come",
                    "/me/cases/" + caseId + "/questionnaires");
        }
        assertThat(awaitNotification(quinn.value(), "QUESTIONNAIRE").get("case_id")).isEqualTo(caseId.value());
    }

    @Test
    void a_late_cancellation_quotes_the_clinics_policy_and_a_no_show_gets_a_follow_up() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = address("lee");
        ClientId lee = riverside.client("Lee Park", email, null, Channel.EMAIL);
        awaitRecipient(lee);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM clinic WHERE clinic_id = ?", Long.class, riverside.clinic.value()) == 1);
        ApiClient.expect(200, api().put(TestTokens.admin(), "/clinics/" + riverside.clinic + "/notification-settings",
                Map.of("reminder", Map.of("before", "PT24H", "channel", "EMAIL"), "checkInAfter", "P3D",
                        "lateCancellationPolicy", "Late cancellations are charged at half the session fee.")));
        SessionId late = SessionId.random();
        SessionId missed = SessionId.random();
        Instant soon = CLOCK.instant().plus(Duration.ofHours(5));
        riverside.book(late, lee, "Sports massage", soon);
        riverside.book(missed, lee, "Initial assessment", CLOCK.instant().plus(Duration.ofMinutes(30)));

        riverside.cancel(late, CancelledBy.CLIENT, true, "Overslept");
        riverside.missed(missed);

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).stream()
                .anyMatch(mail -> mail.subject().contains("is cancelled")));
        Mail cancelled = Mailbox.to(email).stream().filter(mail -> mail.subject().contains("is cancelled")).findFirst()
                .orElseThrow();
        assertThat(cancelled.text()).contains("counts as a late cancellation")
                .contains("Late cancellations are charged at half the session fee.");
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).stream()
                .anyMatch(mail -> mail.subject().equals("We missed you today")));
        // the clinic switched its last reminder off: none was planned
        assertThat(notifications(lee.value(), "LAST_REMINDER")).isEmpty();
    }

    private static String reminders(String email) {
        return String.join("\n", Mailbox.to(email).stream().map(Mail::subject).filter(s -> s.startsWith("Reminder")).toList());
    }

    private static String dayName(LocalDate day) {
        return day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
    }

    /** A day some days after the clock's today in London. */
    static LocalDate day(int daysAhead) {
        return CLOCK.instant().atZone(LONDON).toLocalDate().plusDays(daysAhead);
    }

    static String address(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
