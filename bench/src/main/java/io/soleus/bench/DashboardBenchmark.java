package io.soleus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.deploy.local.DemoData;
import io.soleus.deploy.local.LocalPlatform;
import io.soleus.deploy.local.PlatformHttp;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin's dashboard in a real browser, on the whole platform with the demo data: how soon it
 * paints and draws its charts (beside the welcome page's paint), and how soon after an event the
 * live chart redraws (beside the treatment service's own signal). The events are a client logging
 * an exercise of the reference case's plan. Run it with {@code bench/run.sh dashboard [rounds]};
 * it starts the platform on free ports with a PostgreSQL server of its own, and ends by itself.
 */
public final class DashboardBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path root = Path.of("").toAbsolutePath();
        LocalPlatform platform = LocalPlatform.forBrowserTests(root, root.resolve("bench/target/dashboard"));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "stop-dashboard-bench"));
        ChromeDriver driver = null;
        try {
            long started = System.nanoTime();
            platform.start();
            DemoData.Written demo = platform.writeDemoData();
            System.out.printf("platform and demo data (%d sessions, %d cases) in %d s%n", demo.sessions(), demo.cases(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            driver = HeadlessChromium.start(1280, 1000, HeadlessChromium.newProfile());
            signIn(driver, platform.webUrl(), demo.adminEmail(), demo.password());
            Events events = new Events(platform, demo.referenceClient());
            try (ReportStream stream = new ReportStream(platform)) {
                DashboardMeasure.measure(driver, platform.webUrl(), rounds, rounds, events::record, stream::nextChange).print();
            }
        } finally {
            if (driver != null) {
                driver.quit();
            }
            platform.stop();
        }
    }

    public static void signIn(ChromeDriver driver, String web, String email, String password) {
        driver.get(web + "/oauth2/authorization/soleus");
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.xpath("//main//button[@type='submit']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/admin"));
    }

    /** A client logging an exercise of their plan: an event every chart of the dashboard hears of. */
    static final class Events {

        private final PlatformHttp http = new PlatformHttp();
        private final int treatment;
        private final String token;
        private final String caseId;
        private final String exerciseId;

        Events(LocalPlatform platform, String client) {
            this.treatment = platform.port("treatment-service");
            this.token = platform.token(client, List.of("CLIENT"), List.of());
            JsonNode timeline = http.send(treatment, token, "GET", "/clients/" + client + "/timeline", null).body();
            this.caseId = timeline.path(0).path("caseId").asText();
            this.exerciseId = timeline.path(0).path("plan").path("exercises").path(0).path("exerciseId").asText();
        }

        Instant record() {
            Instant sent = Instant.now();
            PlatformHttp.Answer answer = http.send(treatment, token, "POST", "/cases/" + caseId + "/progress",
                    Map.of("exerciseId", exerciseId, "outcome", "DONE", "pain", 1, "day", LocalDate.now().toString()));
            if (!answer.ok()) {
                throw new IllegalStateException("progress refused: " + answer.status() + " " + answer.body());
            }
            return sent;
        }
    }

    /** The treatment service's own live stream, read by this JVM: when it says "changed". */
    public static final class ReportStream implements AutoCloseable {

        private final BlockingQueue<Instant> changes = new LinkedBlockingQueue<>();
        private final HttpResponse<java.io.InputStream> response;

        public ReportStream(LocalPlatform platform) throws IOException, InterruptedException {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + platform.port("treatment-service") + "/reports/stream"))
                    .header("Authorization", "Bearer " + platform.token("bench", List.of("ADMIN"), List.of()))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.equals("event:changed")) {
                            changes.add(Instant.now());
                        }
                    }
                } catch (IOException closed) {
                    // the benchmark is over
                }
            }, "report-stream");
            reader.setDaemon(true);
            reader.start();
        }

        public Instant nextChange(Duration timeout) {
            try {
                Instant change = changes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (change == null) {
                    throw new IllegalStateException("the treatment service said nothing within " + timeout);
                }
                changes.clear();
                return change;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }
}
