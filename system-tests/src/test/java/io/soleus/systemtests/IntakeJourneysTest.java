package io.soleus.systemtests;

import static io.soleus.systemtests.RunningPlatform.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.By.cssSelector;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Intake, red flags and consent, in a real browser against the whole platform as separate processes:
 * a new client books online, gets the intake link in her confirmation, answers on her phone and, after
 * a "yes" to a safety question, is told to seek medical advice first, while her therapist's day sheet
 * and session page flag it; another answers without a flag and without consenting, and his therapist's
 * record is refused until he consents at the desk; he then answers his outcome questionnaires on his
 * phone, and the scores reach his therapist's session page and the admins' dashboard. Shares the platform of the browser journeys
 * ({@link WebPlatform}), with a clinic of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(3)
class IntakeJourneysTest {

    private static final String PASSWORD = "a long enough password";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Pattern INTAKE_LINK = Pattern.compile("http://[^\\s\"<]+(/me/intake/[0-9a-f-]{36})");
    private static final Pattern QUESTIONNAIRE_LINK = Pattern.compile("http://[^\\s\"<]+(/me/cases/[0-9a-f-]{36}/questionnaires)");

    private RunningPlatform platform;
    private String web;
    private String quay;
    private String uma;
    private String assessment;
    private String noahsAddress;

    @BeforeAll
    void start() {
        platform = WebPlatform.get();
        web = platform.processes.webUrl();
        RunningPlatform.AllDayClinic opened = platform.openAllDayClinic("Quay Soft Tissue Clinic", "9 Quay Lane, Kingston",
                "Uma Quayle", "uma@soleus.test", PASSWORD, "Quay assessment", 45);
        quay = opened.clinic();
        uma = opened.therapist();
        assessment = opened.sessionType();
    }

    @Test
    @Order(1)
    void a_new_client_books_answers_the_intake_from_her_mail_with_a_red_flag_and_her_therapist_sees_it_flagged() {
        String address = RunningPlatform.address("ines");
        String client = platform.registerClient("Ines Intake", address);
        platform.processes.identity().account(client, "ines@soleus.test", "Ines Intake", PASSWORD, "CLIENT", List.of());
        LocalDate day;
        try (Browser phone = new Browser("intake-client", 375, 812)) {
            phone.signIn(web, "ines@soleus.test", PASSWORD);
            phone.waitUntil(ExpectedConditions.urlContains("/me"));
            assertThat(phone.all(By.id("intake-due"))).as("nothing booked, nothing to answer yet").isEmpty();

            // she books her first session online, a few days ahead
            phone.open(web + "/me/book?clinicId=" + quay + "&sessionTypeId=" + assessment + "&week="
                    + LocalDate.now(LONDON).plusDays(4));
            phone.find(cssSelector("a.slot")).click();
            phone.waitUntil(ExpectedConditions.urlContains("/me/book/confirm"));
            phone.click(By.xpath("//button[normalize-space()='Book this session']"));
            phone.waitUntil(ExpectedConditions.urlContains("/me/sessions"));
            day = LocalDate.parse(within(Duration.ofSeconds(30)).until(() -> platform.get("booking", platform.admin,
                    "/clients/" + client + "/sessions").path("upcoming"), upcoming -> upcoming.size() == 1)
                    .get(0).path("localStart").asText().substring(0, 10));

            // her start page and her confirmation both ask for the intake
            phone.open(web + "/me");
            assertThat(phone.text(By.id("intake-due"))).contains("Answer the questions for Quay Soft Tissue Clinic");
            String mail = within(Duration.ofSeconds(90)).until(() -> platform.mails(address).stream()
                            .filter(it -> it.path("subject").asText().startsWith("Your Quay assessment")).findFirst(),
                    java.util.Optional::isPresent).orElseThrow().path("mimeMessage").asText();
            Matcher link = INTAKE_LINK.matcher(mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "="));
            assertThat(link.find()).as("the confirmation links to the intake: %s", mail).isTrue();
            assertThat(link.group(1)).isEqualTo("/me/intake/" + quay);

            phone.open(web + link.group(1));
            assertThat(phone.text(By.tagName("h1"))).isEqualTo("Before your first session");
            phone.check("intake-form");
            // sent with a safety question unanswered: the page names it and keeps what she wrote
            phone.type(By.id("a.complaint-history"), "A deep ache in my left calf since a long flight home");
            phone.click(By.xpath("//label[span[normalize-space()='A few weeks']]"));
            phone.type(By.id("a.weekly-km"), "30");
            phone.click(By.xpath("//button[normalize-space()='Send my answers']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Please correct the fields"));
            assertThat(phone.find(By.id("a.complaint-history")).getAttribute("value")).contains("long flight home");
            assertThat(phone.all(cssSelector(".field-error"))).hasSize(10);
            for (String question : List.of("calf-swelling", "calf-warm-red", "surgery-immobilisation", "clot-history",
                    "night-pain", "rest-pain", "numbness", "bone-point-pain", "exertional-tightness")) {
                phone.click(By.xpath("//input[@name='a." + question + "' and @value='no']/.."));
            }
            phone.click(By.xpath("//input[@name='a.long-travel' and @value='yes']/.."));
            phone.click(By.xpath("//input[@name='consent' and @value='TREATMENT']/.."));
            phone.click(By.xpath("//input[@name='consent' and @value='DATA_PROCESSING']/.."));
            phone.click(By.xpath("//button[normalize-space()='Send my answers']"));

            // plain words first: see a doctor before any treatment
            phone.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("advice")));
            assertThat(phone.text(By.id("advice"))).contains("Please see a doctor first", "seek medical advice first");
            // her consents follow her answers into the record: the page shows them once it has them
            within(Duration.ofSeconds(30)).until(() -> platform.get("treatment", platform.admin, "/clients/" + client
                    + "/intake/" + quay).path("consents").size() == 2);
            phone.open(web + "/me/intake/" + quay);
            assertThat(phone.text(By.id("consents"))).contains("Treatment", "Keeping your health record",
                    "Reminders before your sessions: given");
            phone.check("intake-red-flag");

            // with her intake she answers the questionnaires her case will start from, one after the other
            phone.click(By.linkText("Answer the questionnaires"));
            phone.waitUntil(ExpectedConditions.urlContains("/me/intake/" + quay + "/questionnaires"));
            assertThat(phone.text(By.tagName("h2"))).isEqualTo("Lower Extremity Functional Scale (LEFS)");
            for (WebElement radio : phone.all(cssSelector("#questionnaire fieldset input[value='2']"))) {
                phone.click(By.xpath("//input[@name='" + radio.getAttribute("name") + "' and @value='2']/.."));
            }
            phone.click(By.xpath("//button[normalize-space()='Send my answers']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"),
                    "Patient-Specific Functional Scale (PSFS)"));
            assertThat(phone.text(By.tagName("main"))).contains("your score is 40.0");
            phone.type(By.id("name.0"), "Walking the dog");
            new org.openqa.selenium.support.ui.Select(phone.find(By.id("rating.0"))).selectByValue("5");
            phone.click(By.xpath("//button[normalize-space()='Send my answers']"));
            phone.waitUntil(ExpectedConditions.urlMatches(".*/me/intake/" + quay + "$"));
            assertThat(phone.text(By.tagName("main"))).contains("Thank you: your therapist will see where you start from.");
            assertThat(phone.all(By.id("intake-questionnaires"))).isEmpty();
            // her consent to reminders, given when she registered, is with the others: she stops them there
            phone.click(By.xpath("//button[normalize-space()='Stop reminders']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("consents"), "Reminders stopped"));
            assertThat(phone.text(By.id("reminders-consent"))).contains("not given");
            assertThat(platform.get("booking", platform.admin, "/clients/" + client).path("remindersConsent").asBoolean()).isFalse();
            within(Duration.ofSeconds(30)).until(() -> platform.get("treatment", platform.admin, "/clients/" + client
                    + "/intake/" + quay).path("questionnaires").findValuesAsText("score"), scores -> scores.equals(List.of("40.0", "5.0")));
            phone.open(web + "/me");
            assertThat(phone.all(By.id("intake-due"))).as("answered: nothing more to do").isEmpty();
        }

        try (Browser desk = new Browser("intake-therapist", 1280, 1000)) {
            desk.signIn(web, "uma@soleus.test", PASSWORD);
            desk.waitUntil(ExpectedConditions.urlContains("/work"));
            desk.open(web + "/work?view=day&date=" + day);
            String entry = desk.find(By.xpath("//li[.//a[normalize-space()='Ines Intake']]")).getText();
            assertThat(entry).contains("Red flag").doesNotContain("No intake").doesNotContain("No consent");
            desk.check("day-sheet-red-flag");
            desk.click(By.linkText("Ines Intake"));
            desk.waitUntil(ExpectedConditions.urlContains("/work/sessions/"));
            assertThat(desk.text(By.id("red-flag"))).contains("Red flag in the intake",
                    "Have you travelled for more than four hours at a time");
            assertThat(desk.text(By.id("intake"))).contains("Consents to treatment and its record",
                    "No consent to reminders: confirmations only");
            assertThat(desk.text(By.id("intake-questionnaires"))).contains(
                    "Lower Extremity Functional Scale (LEFS) answered with the intake: 40.0",
                    "Patient-Specific Functional Scale (PSFS) answered with the intake: 5.0");
            desk.check("session-red-flag");

            // her GP saw her and found nothing: the therapist records it, and the flag is lifted with the note
            desk.type(By.id("clearance-note"), "Seen by her GP on Friday: no sign of a clot");
            desk.click(By.xpath("//button[normalize-space()='Record the red flag as cleared']"));
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                    "The red flag is recorded as cleared."));
            assertThat(desk.text(By.id("red-flag"))).contains("Red flag cleared on", "Seen by her GP on Friday");
            desk.open(web + "/work?view=day&date=" + day);
            assertThat(desk.find(By.xpath("//li[.//a[normalize-space()='Ines Intake']]")).getText()).doesNotContain("Red flag");
        }
    }

    @Test
    @Order(2)
    void a_client_who_answers_without_consenting_is_treated_only_once_he_consents_at_the_desk() {
        noahsAddress = RunningPlatform.address("noah");
        String client = platform.registerClient("Noah Noflag", noahsAddress);
        platform.processes.identity().account(client, "noah@soleus.test", "Noah Noflag", PASSWORD, "CLIENT", List.of());
        Instant start = startedAnHourAgo();
        platform.setClocks(start.minus(Duration.ofHours(1)));
        String session = platform.book(client, uma, quay, assessment, start);
        platform.setClocks(Instant.now());
        // he answers the intake through the API as the app would, no red flag, and ticks no consent
        String asNoah = platform.token(client, "CLIENT", List.of());
        Map<String, Object> intake = new java.util.HashMap<>(RunningPlatform.intake("no"));
        intake.put("consents", List.of());
        within(Duration.ofMinutes(2)).until(() -> platform.sendTo("treatment-service", asNoah, "POST", "/clients/" + client
                + "/intake/" + quay, intake, Map.of("Idempotency-Key", UUID.randomUUID().toString())), answer -> answer.status() == 201);
        within(Duration.ofSeconds(30)).until(() -> platform.get("treatment", platform.admin, "/clients/" + client
                + "/intake/" + quay).path("intake").has("submittedAt"));

        try (Browser desk = new Browser("consent-therapist", 1280, 1000)) {
            desk.signIn(web, "uma@soleus.test", PASSWORD);
            desk.waitUntil(ExpectedConditions.urlContains("/work"));
            desk.open(web + "/work?view=day&date=" + start.atZone(LONDON).toLocalDate());
            String entry = desk.find(By.xpath("//li[.//a[normalize-space()='Noah Noflag']]")).getText();
            assertThat(entry).contains("No consent").doesNotContain("Red flag").doesNotContain("No intake");
            desk.open(web + "/work/sessions/" + session);
            assertThat(desk.all(By.id("red-flag"))).isEmpty();
            assertThat(desk.text(By.id("intake"))).contains("Intake answered on", "No current consent");

            desk.click(By.xpath("//button[normalize-space()='Attended']"));
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Recorded as attended"));
            desk.type(By.id("complaint"), "Tight calf after hill sessions");
            desk.click(By.xpath("//button[normalize-space()='Open the case']"));
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Case opened"));

            // without his consent the record is refused, with the reason, and nothing is kept
            desk.click(By.xpath("//label[contains(@class,'score-choice')][span[normalize-space()='5']]"));
            desk.click(By.xpath("//button[normalize-space()='Save the record']"));
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                    "has not consented to treatment and its record at this clinic"));
            desk.check("record-refused-no-consent");

            desk.click(By.xpath("//button[normalize-space()='Consent given at the desk']"));
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Consent recorded."));
            desk.click(By.xpath("//label[contains(@class,'score-choice')][span[normalize-space()='5']]"));
            desk.click(By.xpath("//button[normalize-space()='Save the record']"));
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "The session's record is saved"));
            assertThat(desk.text(By.id("record"))).contains("5 / 10");
        }
        within(Duration.ofSeconds(30)).until(() -> platform.get("treatment", platform.admin, "/clients/" + client
                + "/intake/" + quay).path("consents").findValuesAsText("via"), via -> via.equals(List.of("DESK", "DESK")));
    }

    @Test
    @Order(3)
    void the_client_answers_his_outcome_questionnaires_on_his_phone_the_scores_reach_his_therapist_and_the_dashboard_and_his_clinic_asks_again() {
        String client = within(Duration.ofSeconds(30)).until(() -> platform.get("treatment", platform.admin,
                "/reports/cases?clinicId=" + quay), cases -> cases.size() == 1).get(0).path("clientId").asText();
        String caseId = platform.get("treatment", platform.admin, "/clients/" + client + "/timeline").get(0).path("caseId").asText();
        try (Browser phone = new Browser("questionnaire-client", 375, 812)) {
            phone.signIn(web, "noah@soleus.test", PASSWORD);
            phone.waitUntil(ExpectedConditions.urlContains("/me"));
            assertThat(phone.text(By.id("questionnaires-due"))).contains("How are you doing?");
            phone.click(By.linkText("Answer the questions"));
            phone.waitUntil(ExpectedConditions.urlContains("/me/cases/" + caseId + "/questionnaires"));

            // first the LEFS: twenty activities; one left out is named
            assertThat(phone.text(By.tagName("h2"))).isEqualTo("Lower Extremity Functional Scale (LEFS)");
            List<String> items = phone.all(cssSelector("#questionnaire fieldset input[value='3']")).stream()
                    .map(radio -> radio.getAttribute("name")).toList();
            assertThat(items).hasSize(20);
            for (String item : items.subList(0, 19)) {
                phone.click(By.xpath("//input[@name='" + item + "' and @value='3']/.."));
            }
            phone.click(By.xpath("//button[normalize-space()='Send my answers']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Please correct the fields"));
            assertThat(phone.all(cssSelector(".field-error"))).hasSize(1);
            phone.click(By.xpath("//input[@name='" + items.get(19) + "' and @value='2']/.."));
            phone.check("questionnaire-lefs");
            phone.click(By.xpath("//button[normalize-space()='Send my answers']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "your score is 59.0"));
            within(Duration.ofSeconds(30)).until(() -> due(caseId), due -> due.equals(List.of("psfs")));
            phone.open(web + "/me/cases/" + caseId + "/questionnaires");

            // then the PSFS: his own activity, rated
            assertThat(phone.text(By.tagName("h2"))).isEqualTo("Patient-Specific Functional Scale (PSFS)");
            phone.type(By.id("name.0"), "Running 10 km");
            new org.openqa.selenium.support.ui.Select(phone.find(By.id("rating.0"))).selectByValue("4");
            phone.check("questionnaire-psfs");
            phone.click(By.xpath("//button[normalize-space()='Send my answers']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "your score is 4.0"));
            within(Duration.ofSeconds(30)).until(() -> due(caseId), List::isEmpty);
            phone.open(web + "/me/cases/" + caseId + "/questionnaires");
            assertThat(phone.text(By.id("scores"))).contains("Nothing to answer now", "4.0 at the start, 4.0 now",
                    "59.0 at the start, 59.0 now");
        }
        JsonNode session = platform.get("booking", platform.admin, "/clients/" + client + "/sessions").path("past").get(0);
        try (Browser desk = new Browser("questionnaire-therapist", 1280, 1000)) {
            desk.signIn(web, "uma@soleus.test", PASSWORD);
            desk.waitUntil(ExpectedConditions.urlContains("/work"));
            desk.open(web + "/work/sessions/" + session.path("sessionId").asText());
            assertThat(desk.text(By.id("function"))).contains("Patient-Specific Functional Scale (PSFS): 4.0 → 4.0",
                    "Lower Extremity Functional Scale (LEFS): 59.0 → 59.0");
            desk.check("session-function");
        }
        platform.processes.identity().account("admin-" + UUID.randomUUID(), "quay-admin@soleus.test", "Quinn Admin",
                PASSWORD, "ADMIN", List.of());
        try (Browser admin = new Browser("questionnaire-admin", 1280, 1000)) {
            admin.signIn(web, "quay-admin@soleus.test", PASSWORD);
            admin.waitUntil(ExpectedConditions.urlMatches(".*/admin$"));
            // the charts are drawn in the browser: the page is whole once they are
            admin.waitUntil(driver -> admin.all(cssSelector(".chart[data-drawn]")).size() >= 8);
            admin.check("dashboard-function");
            String function = admin.text(By.id("function"));
            assertThat(function).as(admin.find(By.id("function")).getAttribute("innerHTML")).contains("Clinic: Quay Soft Tissue Clinic", "Patient-Specific Functional Scale (PSFS)",
                    "Lower Extremity Functional Scale (LEFS)", "59.0");

            // Quay asks its questionnaires again after every session, and keeps the first intake form
            admin.open(web + "/admin/clinics");
            new org.openqa.selenium.support.ui.Select(admin.find(By.id("intake-form-" + quay))).selectByValue("calf-intake:1");
            admin.type(By.id("follow-up-" + quay), "1");
            admin.click(By.xpath("//button[normalize-space()='Save the questionnaires of Quay Soft Tissue Clinic']"));
            admin.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("questionnaires-" + quay), "Saved"));
            admin.check("admin-clinic-questionnaires");
            assertThat(admin.find(By.id("follow-up-" + quay)).getAttribute("value")).isEqualTo("1");
        }
        assertThat(platform.get("treatment", platform.admin, "/clinics/" + quay + "/intake-form").path("version").asInt()).isEqualTo(1);

        // his next session's assessment is the first since his answers: he is asked again, by mail
        // two hours before his first (clear of it at any hour), attended: recordable whatever the day it fell on
        Instant next = startedAnHourAgo().minus(Duration.ofHours(2));
        platform.setClocks(next.minus(Duration.ofHours(1)));
        String nextSession = platform.book(client, uma, quay, assessment, next);
        platform.setClocks(Instant.now());
        platform.post("booking", platform.admin, "/sessions/" + nextSession + "/attended", Map.of());
        String asUma = platform.token(uma, "THERAPIST", List.of(quay));
        within(Duration.ofMinutes(1)).until(() -> platform.send("treatment", asUma, "POST", "/cases/" + caseId + "/assessments",
                Map.of("sessionId", nextSession, "pain", 3, "tightness", "MILD")), answer -> answer.status() == 201);
        String mail = within(Duration.ofSeconds(90)).until(() -> platform.mails(noahsAddress).stream()
                        .filter(it -> it.path("subject").asText().equals("How far have you come?")).findFirst(),
                java.util.Optional::isPresent).orElseThrow().path("mimeMessage").asText();
        Matcher link = QUESTIONNAIRE_LINK.matcher(mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "="));
        assertThat(link.find()).as("the mail links to his questionnaires: %s", mail).isTrue();
        assertThat(link.group(1)).isEqualTo("/me/cases/" + caseId + "/questionnaires");
        try (Browser phone = new Browser("questionnaire-follow-up", 375, 812)) {
            phone.signIn(web, "noah@soleus.test", PASSWORD);
            phone.waitUntil(ExpectedConditions.urlContains("/me"));
            phone.open(web + link.group(1));
            assertThat(phone.text(By.tagName("h2"))).isEqualTo("Lower Extremity Functional Scale (LEFS)");
        }
        assertThat(due(caseId)).containsExactly("lefs", "psfs");
    }

    /** The questionnaires the case asks its client for now. */
    private List<String> due(String caseId) {
        List<String> due = new java.util.ArrayList<>();
        platform.get("treatment", platform.admin, "/cases/" + caseId).path("questionnairesDue").forEach(it -> due.add(it.asText()));
        return due;
    }

    /** A start on the clinic's quarter-hour grid an hour or so ago, or the day's last at 23:00 late in the evening. */
    private static Instant startedAnHourAgo() {
        ZonedDateTime now = ZonedDateTime.now(LONDON);
        ZonedDateTime start = now.truncatedTo(ChronoUnit.HOURS).plusMinutes(15 * (now.getMinute() / 15)).minusMinutes(75);
        ZonedDateTime last = start.toLocalDate().atTime(23, 0).atZone(LONDON);
        return (start.isAfter(last) ? last : start).toInstant();
    }
}
