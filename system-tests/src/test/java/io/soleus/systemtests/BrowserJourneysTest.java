package io.soleus.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.bench.DashboardBenchmark;
import io.soleus.bench.DashboardMeasure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static io.soleus.systemtests.Browser.css;
import static io.soleus.systemtests.RunningPlatform.within;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three audiences in a real browser (Debian's headless Chromium) against the whole platform as
 * separate processes: the identity provider, the three services, Kafka, PostgreSQL and the web front
 * end. A client signs up, books and sees the confirmation arrive in their feed, on a phone's width;
 * a therapist charts a session on the body drawing and assigns a plan while an admin watches the
 * dashboard move. Every page is screenshotted and checked with axe-core. The platform is the one
 * the demo data test then writes its practice into ({@link WebPlatform}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(3)
class BrowserJourneysTest {

    private static final String PASSWORD = "a long enough password";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private RunningPlatform platform;
    private String web;
    private String clinic;
    private String therapist;
    private String sessionType;

    @BeforeAll
    void start() {
        platform = WebPlatform.get();
        web = platform.processes.webUrl();
        Map<String, Object> always = RunningPlatform.everyDayAllDay();
        clinic = platform.post("booking", platform.admin, "/clinics", Map.of("name", "Riverside Soft Tissue Clinic",
                "address", "12 River Walk, Kingston", "timeZone", "Europe/London", "openingHours", always,
                "rooms", List.of(Map.of("name", "Room 1"), Map.of("name", "Room 2")))).path("clinicId").asText();
        therapist = platform.post("booking", platform.admin, "/therapists", Map.of("name", "Maya Lindqvist",
                "clinics", List.of(clinic))).path("therapistId").asText();
        platform.put("booking", platform.admin, "/therapists/" + therapist + "/availability/" + clinic, always);
        sessionType = platform.post("booking", platform.admin, "/session-types", Map.of("name", "Follow-up treatment",
                "durationMinutes", 45, "bufferMinutes", 15, "therapists", List.of(therapist))).path("sessionTypeId").asText();
        platform.processes.identity().account(therapist, "maya@soleus.test", "Maya Lindqvist", PASSWORD, "THERAPIST",
                List.of(clinic));
        platform.processes.identity().account("admin-" + UUID.randomUUID(), "alex@soleus.test", "Alex Admin", PASSWORD,
                "ADMIN", List.of());
    }

    @Test
    void a_client_signs_up_books_a_session_and_sees_the_confirmation_in_their_feed() throws Exception {
        try (Browser phone = new Browser("client", 375, 812)) {
            phone.open(web + "/");
            phone.find(By.linkText("Create an account"));
            phone.check("welcome");
            // the keyboard's first stop is the way past the navigation
            phone.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB);
            assertThat(phone.driver().switchTo().activeElement().getText()).isEqualTo("Skip to content");

            phone.click(By.linkText("Create an account"));
            phone.find(By.id("name"));
            phone.check("sign-up");
            String email = RunningPlatform.address("runner");
            phone.type(By.id("name"), "Robin Runner");
            phone.type(By.id("email"), email);
            phone.type(By.id("password"), PASSWORD);
            phone.click(By.xpath("//main//button[@type='submit']"));

            phone.waitUntil(ExpectedConditions.urlContains("/me/welcome"));
            assertThat(phone.find(By.id("name")).getAttribute("value")).isEqualTo("Robin Runner");
            phone.check("details");
            phone.click(By.xpath("//main//button[@type='submit']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "You are all set"));
            phone.check("home");

            phone.open(web + "/me/book");
            new Select(phone.find(By.id("clinicId"))).selectByVisibleText("Riverside Soft Tissue Clinic");
            new Select(phone.find(By.id("sessionTypeId"))).selectByIndex(1);
            phone.find(css("a.slot"));
            // at least an hour away: a slot starting within the minute may have begun by the time the
            // confirmation asks for it again, and is then rightly no longer offered
            Instant soonest = Instant.now().plus(Duration.ofHours(1));
            WebElement slot = phone.find(By.tagName("main")).findElements(css("a.slot")).stream()
                    .filter(link -> SchedulingJourneysTest.startOf(link.getAttribute("href")).isAfter(soonest)).findFirst().orElseThrow();
            phone.check("book");
            slot.click();
            phone.waitUntil(ExpectedConditions.urlContains("/me/book/confirm"));
            assertThat(phone.text(By.id("late-window"))).contains("24 hours before it starts");
            phone.check("confirm");
            phone.click(By.xpath("//button[normalize-space()='Book this session']"));

            phone.waitUntil(ExpectedConditions.urlContains("/me/sessions"));
            assertThat(phone.text(By.tagName("main"))).contains("Booked. A confirmation is on its way.", "Maya Lindqvist");
            phone.check("sessions");

            // the feed is live: the confirmation appears once notifications has sent it, without a reload
            phone.open(web + "/me/messages");
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("feed"), "is booked"), Duration.ofSeconds(90));
            phone.check("messages");
            phone.open(web + "/me/plan");
            assertThat(phone.text(By.tagName("main"))).contains("has not given you a plan yet");
            phone.check("plan");
            phone.open(web + "/me/settings");
            phone.check("settings");
            phone.click(By.linkText("Who changed or opened your record"));
            phone.waitUntil(ExpectedConditions.urlContains("/me/record"));
            assertThat(phone.text(By.id("changes-card"))).contains("Session booked", "Registered as a client", "You");
            assertThat(phone.text(By.id("reads-card"))).contains("No one from the practice has opened it.");
            phone.check("record");
            phone.open(web + "/me/settings?lang=de");
            assertThat(phone.text(By.tagName("h1"))).isEqualTo("Einstellungen");
            phone.check("settings-de");
            phone.open(web + "/me?lang=en");
            // everything Soleus holds of Robin, from the three services, as one file
            phone.open(web + "/me/record");
            assertThat(phone.find(By.linkText("Download (JSON)")).getAttribute("href")).endsWith("/me/export.json");
            JsonNode export = exported(phone, "/me/export.json");
            assertThat(export.path("format").asText()).isEqualTo("soleus-client-export/1");
            assertThat(export.path("booking").path("profile").path("name").asText()).isEqualTo("Robin Runner");
            assertThat(export.path("booking").path("sessions").path("upcoming")).hasSize(1);
            assertThat(export.path("notifications").path("messages").findValuesAsText("kind")).contains("CONFIRMATION");
            assertThat(export.path("treatment").path("cases")).isEmpty();
            // and, at the end, Robin has their personal data forgotten and is signed out
            phone.click(By.xpath("//label[contains(@class,'choice')][.//input[@name='understood']]"));
            phone.click(By.xpath("//button[normalize-space()='Forget my personal data']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
                    "Your personal data is forgotten"));
            phone.check("forgotten");
            phone.click(By.xpath("//main//button[normalize-space()='Sign out']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "You have signed out."));
            // and their sign-in is gone with it
            signIn(phone, email);
            phone.waitUntil(ExpectedConditions.urlContains("error"));
            assertThat(phone.find(By.cssSelector("[role=alert]")).getText()).isNotBlank();
        }
    }

    @Test
    void a_therapist_charts_a_session_on_the_body_drawing_and_the_admin_sees_the_dashboard_move() throws Exception {
        String client = platform.registerClient("Riley Runner", RunningPlatform.address("riley"));
        Instant start = startedAnHourAgo();
        platform.setClocks(start.minus(Duration.ofHours(1)));
        String session = platform.book(client, therapist, clinic, sessionType, start);
        platform.setClocks(Instant.now());
        // the clinical record learns of the session from the booking topic
        within(Duration.ofMinutes(2)).until(() -> platform.operationsAt(clinic).path("sessions").asLong() >= 1);

        try (Browser admin = new Browser("admin", 1280, 1000); Browser maya = new Browser("therapist", 1280, 1000)) {
            signIn(admin, "alex@soleus.test");
            admin.waitUntil(ExpectedConditions.urlMatches(".*/admin$"));
            admin.find(css("[data-figure=cases]"));
            admin.waitUntil(driver -> admin.all(css(".chart[data-drawn]")).size() >= 8);
            admin.check("dashboard");
            String casesBefore = admin.text(css("[data-figure=cases]"));

            signIn(maya, "maya@soleus.test");
            maya.waitUntil(ExpectedConditions.urlContains("/work"));
            maya.open(web + "/work?view=day&date=" + localDate(start));
            maya.check("calendar");
            maya.click(By.linkText("Riley Runner"));
            maya.waitUntil(ExpectedConditions.urlContains("/work/sessions/" + session));
            maya.check("session");

            maya.click(By.xpath("//button[normalize-space()='Attended']"));
            maya.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Recorded as attended"));
            maya.type(By.id("complaint"), "Deep ache in the lower left calf after weekend runs");
            maya.click(By.xpath("//button[normalize-space()='Open the case']"));
            maya.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Case opened"));

            // the admin's dashboard counts the new case without a reload
            admin.waitUntil(driver -> !admin.text(css("[data-figure=cases]")).equals(casesBefore), Duration.ofSeconds(15));
            assertThat(Integer.parseInt(admin.text(css("[data-figure=cases]")))).isEqualTo(Integer.parseInt(casesBefore) + 1);
            String drawnBefore = admin.find(By.id("course")).getAttribute("data-drawn");

            // Riley answered no intake: the session page says so, and treatment waits for her consent, given at the desk
            assertThat(maya.text(By.id("intake"))).contains("No intake answered yet", "No current consent");
            maya.click(By.xpath("//button[normalize-space()='Consent given at the desk']"));
            maya.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Consent recorded."));
            assertThat(maya.text(By.id("intake"))).contains("Consents to treatment and its record");

            // chart: two trigger points on the back of the left leg, pain 6, release of the soleus
            clickMuscle(maya, "soleus", 0.75, 0.8);
            clickMuscle(maya, "gastrocnemius-medial", 0.5, 0.2);
            assertThat(maya.all(css("#points li"))).hasSize(2);
            assertThat(maya.text(By.id("points"))).contains("Soleus, left, lower, medial", "Gastrocnemius, medial head, left, upper");
            maya.click(By.xpath("//label[contains(@class,'score-choice')][span[normalize-space()='6']]"));
            new Select(maya.find(By.id("releaseMuscle"))).selectByValue("soleus");
            maya.check("charting");
            maya.click(By.xpath("//button[normalize-space()='Save the record']"));
            maya.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "The session's record is saved"));
            assertThat(maya.text(By.id("record"))).contains("6 / 10", "Soleus, left, lower-medial", "Myofascial release");

            // the admin's pain course redraws when the assessment is recorded
            admin.waitUntil(driver -> !String.valueOf(admin.find(By.id("course")).getAttribute("data-drawn")).equals(drawnBefore),
                    Duration.ofSeconds(15));

            maya.click(By.linkText("Assign a plan"));
            maya.waitUntil(ExpectedConditions.urlContains("/plan"));
            maya.check("plan");
            for (WebElement exercise : maya.all(css("input[name=chosen]")).subList(0, 2)) {
                exercise.click();
            }
            maya.click(By.xpath("//button[normalize-space()='Save the plan']"));
            maya.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "The plan is saved"));
            assertThat(maya.all(css("#plan li"))).hasSize(2);
            maya.check("session-charted");

            // from the dashboard to the case and its timeline
            admin.click(By.linkText("The cases"));
            admin.click(By.linkText("Riley Runner"));
            admin.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Session by session"));
            assertThat(admin.text(By.tagName("main"))).contains("Pain 6/10", "Myofascial release");
            admin.check("case");

            // who changed the client's record and who opened it, for the admin and then for the client
            admin.click(By.linkText("Record history"));
            admin.waitUntil(ExpectedConditions.urlContains("/record"));
            assertThat(admin.text(By.id("changes-card"))).contains("Case opened", "Assessment recorded", "Aftercare plan assigned",
                    "Maya Lindqvist", "Session attended");
            assertThat(admin.text(By.id("reads-card"))).contains("Maya Lindqvist", "Administrator (admin-");
            // Riley was registered at the desk: the admin invites her to make a sign-in that opens this record
            assertThat(admin.text(By.id("sign-in-card"))).contains("no sign-in yet");
            admin.check("record");
            admin.click(By.xpath("//button[normalize-space()='Create an invitation link']"));
            String invitation = admin.find(By.id("invitation-link")).getAttribute("value");
            assertThat(invitation).contains("/signup?invitation=");
            admin.check("record-invitation");
            try (Browser riley = new Browser("riley", 375, 812)) {
                riley.open(invitation);
                assertThat(riley.text(By.id("invitation-note"))).contains("Your practice invited you");
                riley.check("sign-up-invited");
                riley.type(By.id("name"), "Riley Runner");
                riley.type(By.id("email"), "riley.record@soleus.test");
                riley.type(By.id("password"), PASSWORD);
                riley.click(By.xpath("//main//button[@type='submit']"));
                riley.waitUntil(ExpectedConditions.urlContains(web));
                riley.open(web + "/oauth2/authorization/soleus");
                riley.waitUntil(ExpectedConditions.urlContains("/me"));
                assertThat(riley.path()).as("her record, not a new client's welcome").doesNotContain("/welcome");
                riley.open(web + "/me/sessions");
                assertThat(riley.text(By.tagName("main"))).contains("Follow-up treatment");
                riley.open(web + "/me/record");
                assertThat(riley.text(By.id("reads-card"))).contains("Maya Lindqvist", "An administrator");
                assertThat(riley.text(By.id("changes-card"))).contains("Case opened", "Maya Lindqvist");
                riley.check("client-record");
            }
            admin.open(web + "/admin/clients/" + client + "/record");
            assertThat(admin.text(By.id("sign-in-card"))).contains("signs in with their own account");
            JsonNode rileys = exported(admin, "/admin/clients/" + client + "/export.json");
            assertThat(rileys.path("treatment").path("cases").path(0).path("assessments").path(0).path("pain").asInt()).isEqualTo(6);
            assertThat(rileys.path("treatment").path("openedBy").findValuesAsText("reader")).contains(therapist);
            assertThat(rileys.path("booking").path("changes").findValuesAsText("change")).contains("SessionBooked");
            admin.find(By.id("forget-card"));
            admin.click(By.xpath("//label[contains(@class,'choice')][.//input[@name='understood']]"));
            admin.click(By.xpath("//button[normalize-space()='Forget this client']"));
            admin.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                    "The client's personal data is forgotten."));
            assertThat(admin.text(By.tagName("h1"))).isEqualTo("A forgotten client's record");
            assertThat(admin.all(By.id("forget-card"))).isEmpty();
            // the change is in booking's audit trail as soon as its processor has read the event: the record
            // page shows it then, reloaded
            within(Duration.ofSeconds(30)).until(() -> {
                admin.open(web + "/admin/clients/" + client + "/record");
                return admin.text(By.id("changes-card"));
            }, changes -> changes.contains("Forgotten at their request"));
            assertThat(admin.text(By.tagName("h1"))).isEqualTo("A forgotten client's record");
            admin.check("record-forgotten");
            // treatment forgets on booking's event, a moment later
            JsonNode erased = within(Duration.ofSeconds(30)).until(() -> exported(admin, "/admin/clients/" + client
                    + "/export.json"), document -> "[erased]".equals(document.path("treatment").path("cases").path(0)
                    .path("complaint").asText()));
            assertThat(erased.path("booking").path("profile").path("name").asText()).isEqualTo("[erased]");
            assertThat(erased.path("treatment").path("cases").path(0).path("assessments").path(0).path("pain").asInt())
                    .as("the figures stay").isEqualTo(6);
            admin.open(web + "/admin/deliveries");
            admin.check("deliveries");

            HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web + "/admin/dashboard.csv"))
                    .header("Cookie", "SOLEUS_SESSION=" + admin.cookie("SOLEUS_SESSION")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).contains("table,group,cases", "by clinic,Riverside");
        }
    }

    /** The dashboard benchmark's measuring, once over: a smoke run, so the benchmark cannot rot unnoticed. */
    @Test
    void the_dashboard_benchmark_measures_to_its_end() throws Exception {
        String maya = platform.token(therapist, "THERAPIST", List.of(clinic));
        try (Browser admin = new Browser("benchmark", 1280, 1000);
             DashboardBenchmark.ReportStream stream = new DashboardBenchmark.ReportStream(platform.processes)) {
            DashboardBenchmark.signIn((org.openqa.selenium.chrome.ChromeDriver) admin.driver(), web, "alex@soleus.test", PASSWORD);
            DashboardMeasure.Event openACase = () -> {
                String client = platform.registerClient("Sam Sprinter", RunningPlatform.address("sam"));
                Instant[] sent = new Instant[1];
                within(Duration.ofMinutes(1)).untilAsserted(() -> {
                    sent[0] = Instant.now();
                    assertThat(platform.send("treatment", maya, "POST", "/cases", RunningPlatform.caseOpening(client, clinic)).status())
                            .isEqualTo(201);
                });
                return sent[0];
            };
            DashboardMeasure.Figures figures = DashboardMeasure.measure(admin.driver(), web, 1, 1, openACase, stream::nextChange);
            figures.print();
            assertThat(figures.dashboardPaint().getTotalCount()).isEqualTo(1);
            assertThat(figures.liveChart().getTotalCount()).isEqualTo(1);
            assertThat(figures.chartsDrawn().getMaxValue()).isGreaterThanOrEqualTo(figures.dashboardPaint().getMinValue());
        }
    }

    /** A JSON download of the web front end, fetched with the browser's session. */
    private JsonNode exported(Browser browser, String path) throws Exception {
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web + path))
                .header("Cookie", "SOLEUS_SESSION=" + browser.cookie("SOLEUS_SESSION")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment").contains(".json");
        return new ObjectMapper().readTree(download.body());
    }

    private void signIn(Browser browser, String email) {
        browser.signIn(web, email, PASSWORD);
    }

    /** Clicks a muscle of the back of the left leg, at a point of it given as fractions of its width and height. */
    private static void clickMuscle(Browser browser, String muscle, double x, double y) {
        WebElement path = browser.find(css("g.leg[data-side=LEFT][data-view=back] path[data-muscle=" + muscle + "]"));
        // wholly in view: an offset is taken from the centre of the element's visible part
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", path);
        int dx = (int) ((x - 0.5) * path.getRect().getWidth());
        int dy = (int) ((y - 0.5) * path.getRect().getHeight());
        new Actions(browser.driver()).moveToElement(path, dx, dy).click().perform();
    }

    /**
     * A start on the clinic's quarter-hour grid an hour or so ago: the session has begun, so it may be
     * marked attended, and it is over (with its buffer) before the next free slot the client journey books.
     * Late in the evening it is the day's last session instead, which ends before the clinic closes at 23:45.
     */
    private static Instant startedAnHourAgo() {
        Instant now = Instant.now();
        ZonedDateTime start = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(15 * (now.atZone(ZoneOffset.UTC).getMinute() / 15)))
                .minus(Duration.ofMinutes(75)).atZone(LONDON);
        ZonedDateTime lastStart = start.toLocalDate().atTime(23, 0).atZone(LONDON);
        return (start.isAfter(lastStart) ? lastStart : start).toInstant();
    }

    private static String localDate(Instant instant) {
        return instant.atZone(LONDON).toLocalDate().toString();
    }
}
