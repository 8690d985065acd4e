package io.soleus.systemtests;

import static io.soleus.systemtests.RunningPlatform.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.By.cssSelector;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.openqa.selenium.support.ui.Select;

/**
 * How a busy practice schedules, in a real browser against the whole platform as separate processes:
 * an admin sets a clinic's rules for online booking, and a client is offered and allowed only what
 * they let them book, while staff book past them; a client and a therapist subscribe to their
 * sessions in a calendar app, which fetches the feed without signing in, and stop it. Shares the platform of the browser journeys
 * ({@link WebPlatform}), with a clinic of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(3)
class SchedulingJourneysTest {

    private static final String PASSWORD = "a long enough password";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private RunningPlatform platform;
    private String web;
    private String harbour;
    private String tom;
    private String assessment;

    @BeforeAll
    void start() {
        platform = WebPlatform.get();
        web = platform.processes.webUrl();
        RunningPlatform.AllDayClinic opened = platform.openAllDayClinic("Harbour Soft Tissue Clinic",
                "3 Quay Street, Kingston", "Tom Okafor", "tom@soleus.test", PASSWORD, "Harbour assessment", 60);
        harbour = opened.clinic();
        tom = opened.therapist();
        assessment = opened.sessionType();
        platform.processes.identity().account("admin-" + UUID.randomUUID(), "harbour-admin@soleus.test", "Hana Admin",
                PASSWORD, "ADMIN", List.of());
    }

    @Test
    @Order(1)
    void an_admin_sets_a_clinics_online_rules_and_a_client_books_only_as_they_allow() {
        try (Browser admin = new Browser("rules-admin", 1280, 1000)) {
            admin.signIn(web, "harbour-admin@soleus.test", PASSWORD);
            admin.waitUntil(ExpectedConditions.urlMatches(".*/admin$"));
            admin.click(By.linkText("Clinics"));
            admin.waitUntil(ExpectedConditions.urlContains("/admin/clinics"));
            WebElement card = admin.find(By.id("clinic-" + harbour));
            assertThat(card.getText()).contains("Harbour Soft Tissue Clinic", "One room");
            admin.type(By.id("notice-" + harbour), "48");
            admin.type(By.id("upcoming-" + harbour), "2");
            card.findElement(By.xpath(".//label[.//input[@name='newClientsOnline']]")).click();
            admin.check("clinics");
            card.findElement(By.xpath(".//button[@type='submit']")).click();
            admin.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("clinic-" + harbour),
                    "clients are held to the new rules"));
            assertThat(admin.find(By.id("notice-" + harbour)).getAttribute("value")).isEqualTo("48");
            assertThat(admin.find(By.xpath("//*[@id='clinic-" + harbour + "']//input[@name='newClientsOnline']")).isSelected())
                    .isFalse();
            admin.check("clinics-saved");
        }

        String client = platform.registerClient("Harper Harbour", RunningPlatform.address("harper"));
        platform.processes.identity().account(client, "harper@soleus.test", "Harper Harbour", PASSWORD, "CLIENT", List.of());
        try (Browser phone = new Browser("rules-client", 375, 812)) {
            phone.signIn(web, "harper@soleus.test", PASSWORD);
            phone.waitUntil(ExpectedConditions.urlContains("/me"));

            // a week three days out: it has slots beyond the 48 hours' notice whatever the day
            Instant asked = Instant.now();
            openTheWeekOf(phone, asked.plus(Duration.ofDays(3)));
            assertThat(phone.text(By.id("clinic-rules"))).contains("at least 48 hours ahead", "At most 2 sessions ahead",
                    "New clients: please call");
            List<Instant> offered = phone.all(cssSelector("a.slot")).stream().map(link -> startOf(link.getAttribute("href"))).toList();
            assertThat(offered).isNotEmpty().allSatisfy(start -> assertThat(start).isAfter(asked.plus(Duration.ofHours(48))));
            phone.check("book-with-rules");

            // new here: the first session is the clinic's to book
            bookTheSlot(phone, offered.get(0));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                    "books a new client's first session itself"));
            phone.check("book-refused-new-client");

            // the desk books it, whatever the rules; then the client may book online, up to two ahead
            platform.book(client, tom, harbour, assessment, offered.get(0));
            openTheWeekOf(phone, asked.plus(Duration.ofDays(3)));
            Instant second = phone.all(cssSelector("a.slot")).stream().map(link -> startOf(link.getAttribute("href")))
                    .filter(start -> start.isAfter(offered.get(0).plus(Duration.ofHours(1)))).findFirst().orElseThrow();
            bookTheSlot(phone, second);
            phone.waitUntil(ExpectedConditions.urlContains("/me/sessions"));
            assertThat(phone.text(By.tagName("main"))).contains("Booked. A confirmation is on its way.");

            openTheWeekOf(phone, asked.plus(Duration.ofDays(3)));
            Instant third = phone.all(cssSelector("a.slot")).stream().map(link -> startOf(link.getAttribute("href")))
                    .filter(start -> start.isAfter(second.plus(Duration.ofHours(1)))).findFirst().orElseThrow();
            bookTheSlot(phone, third);
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                    "as many sessions ahead at this clinic as can be booked online"));
            within(Duration.ofSeconds(30)).until(() -> platform.get("booking", platform.admin, "/clients/" + client + "/sessions")
                    .path("upcoming").size() == 2);
        }
    }

    @Test
    @Order(2)
    void a_client_and_a_therapist_subscribe_to_their_sessions_in_a_calendar_app_and_stop_it() throws Exception {
        String client = platform.registerClient("Sasha Subscriber", RunningPlatform.address("sasha"));
        platform.processes.identity().account(client, "sasha@soleus.test", "Sasha Subscriber", PASSWORD, "CLIENT", List.of());
        // noon five days out: an hour-long session fits the clinic's day whatever the hour the journey runs
        Instant start = LocalDate.now(LONDON).plusDays(5).atTime(12, 0).atZone(LONDON).toInstant();
        String session = platform.book(client, tom, harbour, assessment, start);

        try (Browser phone = new Browser("feed-client", 375, 812)) {
            phone.signIn(web, "sasha@soleus.test", PASSWORD);
            phone.waitUntil(ExpectedConditions.urlContains("/me"));
            phone.open(web + "/me/settings");
            phone.click(By.xpath("//button[normalize-space()='Make a calendar link']"));
            String link = phone.find(By.id("feed-url")).getAttribute("value");
            assertThat(link).startsWith(web + "/calendar/").endsWith(".ics");
            assertThat(phone.find(By.linkText("Open in my calendar app")).getAttribute("href")).startsWith("webcal://");
            phone.check("settings-calendar-link");

            // a calendar app fetches it without signing in: the session, in the clinic's time zone, with Tom
            HttpResponse<String> feed = fetch(link);
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
            assertThat(feed.body()).contains("BEGIN:VCALENDAR", "UID:" + session + "@soleus", "TZID=Europe/London",
                    "SUMMARY:Harbour assessment with Tom Okafor", "STATUS:CONFIRMED");

            phone.open(web + "/me/settings");
            assertThat(phone.text(By.id("calendar"))).contains("You have had a calendar link since");
            phone.click(By.xpath("//button[normalize-space()='Stop the link']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("calendar"), "The link is stopped"));
            assertThat(fetch(link).statusCode()).isEqualTo(404);
        }

        try (Browser desk = new Browser("feed-therapist", 1280, 1000)) {
            desk.signIn(web, "tom@soleus.test", PASSWORD);
            desk.waitUntil(ExpectedConditions.urlContains("/work"));
            desk.click(By.xpath("//button[normalize-space()='Make a calendar link']"));
            String link = desk.find(By.id("feed-url")).getAttribute("value");
            desk.check("calendar-link");
            String body = fetch(link).body();
            assertThat(body).contains("UID:" + session + "@soleus", "SUMMARY:Harbour assessment")
                    .as("a therapist's feed does not name the client").doesNotContain("Sasha");
        }
    }

    @Test
    @Order(3)
    void a_cancellation_goes_to_the_first_waitlisted_client_who_books_it_from_the_mail_and_the_second_gets_nothing() {
        String firstAddress = RunningPlatform.address("first");
        String secondAddress = RunningPlatform.address("second");
        String first = platform.registerClient("Frankie First", firstAddress);
        String second = platform.registerClient("Sam Second", secondAddress);
        platform.processes.identity().account(first, firstAddress, "Frankie First", PASSWORD, "CLIENT", List.of());
        String leaver = platform.registerClient("Lee Leaver", RunningPlatform.address("leaver"));
        Instant start = Instant.now().plus(Duration.ofDays(4)).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .atZone(LONDON).withHour(10).toInstant();
        String session = platform.book(leaver, tom, harbour, assessment, start);
        // Sam joined first, for routine care
        platform.post("booking", platform.token(second, "CLIENT", List.of()), "/waitlist", Map.of("clinicId", harbour,
                "sessionTypeId", assessment, "times", RunningPlatform.everyDayAllDay(), "urgency", "ROUTINE"));

        try (Browser phone = new Browser("waitlist-client", 375, 812)) {
            phone.signIn(web, firstAddress, PASSWORD);
            phone.waitUntil(ExpectedConditions.urlContains("/me"));
            phone.click(By.linkText("Waitlist"));
            phone.waitUntil(ExpectedConditions.urlContains("/me/waitlist"));
            new Select(phone.find(By.id("w-clinic"))).selectByVisibleText("Harbour Soft Tissue Clinic");
            new Select(phone.find(By.id("w-type"))).selectByVisibleText("Harbour assessment");
            for (WebElement day : phone.all(By.xpath("//label[contains(@class,'choice')][input[@name='days']]"))) {
                day.click();
            }
            new Select(phone.find(By.id("w-urgency"))).selectByVisibleText("Urgent");
            phone.check("waitlist");
            phone.click(By.xpath("//button[normalize-space()='Join the waitlist']"));
            phone.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "You are on the waitlist"));
            assertThat(phone.text(By.id("entries"))).contains("Harbour assessment", "Urgent", "Waiting");
            phone.check("waitlist-joined");

            // the desk cancels Lee's session: the time goes to Frankie (more urgent), held, with a mail
            platform.post("booking", platform.admin, "/sessions/" + session + "/cancel", Map.of("reason", "Lee moved away"));
            String mail = within(Duration.ofSeconds(90)).until(() -> platform.mails(firstAddress).stream()
                            .filter(it -> it.path("subject").asText().startsWith("A time has come free")).findFirst(),
                    java.util.Optional::isPresent).orElseThrow().path("mimeMessage").asText();
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("(http://[^\\s\"<]+/me/offers/[0-9a-f-]{36})")
                    .matcher(mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "="));
            assertThat(link.find()).as("the offer mail links to the offer: %s", mail).isTrue();
            assertThat(link.group(1)).startsWith(web + "/me/offers/");

            phone.open(link.group(1));
            assertThat(phone.text(By.id("offer"))).contains("Harbour assessment", "Tom Okafor", "We hold this time for you until");
            phone.check("offer");
            phone.click(By.xpath("//button[normalize-space()='Book this time']"));
            phone.waitUntil(ExpectedConditions.urlContains("/me/sessions"));
            assertThat(phone.text(By.tagName("main"))).contains("Booked. A confirmation is on its way.", "Tom Okafor");
        }
        // Sam waits on, with no offer and no mail of one; Tom sees him first in line now
        JsonNode sams = platform.get("booking", platform.admin, "/clients/" + second + "/waitlist");
        assertThat(sams.path(0).path("status").asText()).isEqualTo("WAITING");
        try (Browser desk = new Browser("waitlist-therapist", 1280, 1000)) {
            desk.signIn(web, "tom@soleus.test", PASSWORD);
            desk.waitUntil(ExpectedConditions.urlContains("/work"));
            desk.click(By.linkText("Waitlist"));
            desk.waitUntil(ExpectedConditions.urlContains("/work/waitlist"));
            String list = desk.text(By.id("waitlist-" + harbour));
            assertThat(list).contains("Sam Second", "Routine", "Waiting").doesNotContain("Frankie First");
            desk.check("waitlist");
        }
        assertThat(platform.subjects(secondAddress)).noneMatch(subject -> subject.startsWith("A time has come free"));
        assertThat(platform.get("booking", platform.admin, "/clients/" + first + "/sessions").path("upcoming")
                .findValuesAsText("therapistName")).containsExactly("Tom Okafor");
    }

    @Test
    @Order(4)
    void a_client_books_a_course_around_a_taken_date_is_confirmed_once_and_cancels_the_rest_of_it() {
        Map<String, Object> always = RunningPlatform.everyDayAllDay();
        String riverbank = platform.post("booking", platform.admin, "/clinics", Map.of("name", "Riverbank Clinic",
                "address", "9 Towpath, Kingston", "timeZone", "Europe/London", "openingHours", always,
                "rooms", List.of(Map.of("name", "Riverbank room")))).path("clinicId").asText();
        String rae = platform.post("booking", platform.admin, "/therapists", Map.of("name", "Rae Course",
                "clinics", List.of(riverbank))).path("therapistId").asText();
        platform.put("booking", platform.admin, "/therapists/" + rae + "/availability/" + riverbank, always);
        String followUp = platform.post("booking", platform.admin, "/session-types", Map.of("name", "Riverbank follow-up",
                "durationMinutes", 60, "bufferMinutes", 0, "therapists", List.of(rae))).path("sessionTypeId").asText();
        platform.processes.identity().account(rae, "rae@soleus.test", "Rae Course", PASSWORD, "THERAPIST", List.of(riverbank));
        String address = RunningPlatform.address("cory");
        String cory = platform.registerClient("Cory Course", address);
        platform.processes.identity().account(cory, address, "Cory Course", PASSWORD, "CLIENT", List.of());
        Instant start = Instant.now().plus(Duration.ofDays(3)).atZone(LONDON).toLocalDate().atTime(10, 0).atZone(LONDON).toInstant();
        // the second week's date is taken already
        String bea = platform.registerClient("Bea Blocker", RunningPlatform.address("bea"));
        String beasSession = platform.book(bea, rae, riverbank, followUp, start.atZone(LONDON).plusWeeks(1).toInstant());

        try (Browser phone = new Browser("course-client", 375, 812)) {
            phone.signIn(web, address, PASSWORD);
            phone.waitUntil(ExpectedConditions.urlContains("/me"));
            openTheWeekOf(phone, riverbank, followUp, start);
            bookTheSlot(phone, start, false);
            new Select(phone.find(By.id("count"))).selectByVisibleText("4");
            new Select(phone.find(By.id("everyWeeks"))).selectByVisibleText("Every week");
            phone.click(By.xpath("//button[normalize-space()='Check the dates']"));
            phone.waitUntil(ExpectedConditions.urlContains("/me/book/course"));
            String dates = phone.text(By.id("course-dates"));
            assertThat(phone.all(cssSelector("#course-dates li.free"))).hasSize(3);
            assertThat(phone.all(cssSelector("#course-dates li.conflict"))).hasSize(1);
            assertThat(dates).contains("That time was taken meanwhile", "Instead:");
            phone.check("course-check");
            phone.click(By.xpath("//button[normalize-space()='Book these sessions']"));
            phone.waitUntil(ExpectedConditions.urlContains("/me/sessions"));
            assertThat(phone.text(By.tagName("main"))).contains("Your course of 4 sessions is booked", "Course, 1 of 4",
                    "Course, 4 of 4");
            phone.check("course-booked");

            // one confirmation for the course, none per session
            within(Duration.ofSeconds(90)).until(() -> platform.subjects(address),
                    subjects -> subjects.contains("Your course of 4 sessions at Riverbank Clinic is booked"));

            // the third and the fourth are cancelled together
            List<String> course = platform.get("booking", platform.admin, "/clients/" + cory + "/sessions").path("upcoming")
                    .findValuesAsText("sessionId");
            phone.open(web + "/me/sessions/" + course.get(2) + "/cancel");
            assertThat(phone.text(By.id("course-scope"))).contains("This is session 3 of your course of 4.");
            phone.click(By.xpath("//label[span[normalize-space()='This session and all later ones of the course']]"));
            phone.check("course-cancel");
            phone.click(By.xpath("//button[normalize-space()='Cancel the session']"));
            phone.waitUntil(ExpectedConditions.urlContains("/me/sessions"));
        }
        within(Duration.ofSeconds(30)).until(() -> platform.get("booking", platform.admin, "/clients/" + cory + "/sessions")
                .path("upcoming").findValuesAsText("status"), statuses -> statuses.equals(List.of("BOOKED", "BOOKED",
                "CANCELLED", "CANCELLED")));
        within(Duration.ofSeconds(90)).until(() -> platform.subjects(address),
                subjects -> subjects.contains("Your remaining 2 sessions are cancelled"));
        // by now every session's own events were read long since: none of them was told of alone
        assertThat(platform.subjects(address)).noneMatch(subject -> subject.contains("is cancelled"))
                .noneMatch(subject -> subject.contains("Riverbank follow-up at"));

        try (Browser desk = new Browser("course-therapist", 1280, 1000)) {
            desk.signIn(web, "rae@soleus.test", PASSWORD);
            desk.waitUntil(ExpectedConditions.urlContains("/work"));
            String first = platform.get("booking", platform.admin, "/clients/" + cory + "/sessions").path("upcoming")
                    .path(0).path("sessionId").asText();
            desk.open(web + "/work/sessions/" + first);
            assertThat(desk.text(By.tagName("main"))).contains("Cory Course", "Course, 1 of 4");
            desk.check("course-session");

            // from Bea's session, Rae books her three weekly follow-ups, from a week later at the same time
            desk.open(web + "/work/sessions/" + beasSession);
            new Select(desk.find(By.id("course-count"))).selectByVisibleText("3");
            desk.check("course-form");
            desk.click(By.xpath("//article[@id='course']//button[normalize-space()='Check the dates']"));
            desk.waitUntil(ExpectedConditions.urlContains("/course?"));
            assertThat(desk.text(By.tagName("main"))).contains("Bea Blocker");
            assertThat(desk.all(cssSelector("#course-dates li.free"))).hasSize(3);
            desk.click(By.xpath("//button[normalize-space()='Book these sessions']"));
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("course"),
                    "A course of 3 sessions is booked"));

            // Bea would come sooner: Rae puts her on the waitlist, urgent, on weekday mornings
            new Select(desk.find(By.id("w-urgency"))).selectByVisibleText("Urgent");
            for (String day : List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")) {
                desk.click(By.xpath("//form[@id='waitlist']//label[span[normalize-space()='" + day + "']]"));
            }
            desk.check("waitlist-form");
            desk.click(By.xpath("//button[normalize-space()='Put on the waitlist']"));
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("waitlist"), "Bea Blocker is on the waitlist"));
        }
        JsonNode beasEntry = platform.get("booking", platform.admin, "/clients/" + bea + "/waitlist").path(0);
        assertThat(beasEntry.path("urgency").asText()).isEqualTo("URGENT");
        assertThat(beasEntry.path("therapistId").asText()).isEqualTo(rae);
        assertThat(platform.get("booking", platform.admin, "/clients/" + bea + "/sessions").path("upcoming")
                .findValuesAsText("status")).containsExactly("BOOKED", "BOOKED", "BOOKED", "BOOKED");
    }

    private static HttpResponse<String> fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void openTheWeekOf(Browser browser, Instant day) {
        openTheWeekOf(browser, harbour, assessment, day);
    }

    private void openTheWeekOf(Browser browser, String clinic, String type, Instant day) {
        browser.open(web + "/me/book?clinicId=" + clinic + "&sessionTypeId=" + type + "&week=" + day.atZone(LONDON).toLocalDate());
        browser.find(cssSelector("a.slot"));
    }

    private void bookTheSlot(Browser browser, Instant start) {
        bookTheSlot(browser, start, true);
    }

    /** Opens the slot's confirmation page and, with {@code book}, books the single session there. */
    private void bookTheSlot(Browser browser, Instant start, boolean book) {
        browser.all(cssSelector("a.slot")).stream().filter(link -> startOf(link.getAttribute("href")).equals(start))
                .findFirst().orElseThrow().click();
        browser.waitUntil(ExpectedConditions.urlContains("/me/book/confirm"));
        if (book) {
            browser.click(By.xpath("//button[normalize-space()='Book this session']"));
        }
    }

    /** The {@code start} a slot link asks to confirm. */
    static Instant startOf(String href) {
        String query = URI.create(href).getRawQuery();
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("start=")) {
                return Instant.parse(URLDecoder.decode(parameter.substring("start=".length()), StandardCharsets.UTF_8));
            }
        }
        throw new IllegalStateException("no start in " + href);
    }
}
