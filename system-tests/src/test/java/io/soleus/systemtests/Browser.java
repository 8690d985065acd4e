package io.soleus.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.bench.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium, headless, driven through its chromedriver ({@link HeadlessChromium}): a person's
 * browser in a journey.
 * Every page it is asked to check is screenshotted into {@code target/screenshots}, run through
 * axe-core (no serious or critical violation may remain) and its console read for errors such as a
 * Content-Security-Policy refusal.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AXE = read(Path.of("node_modules/axe-core/axe.min.js"));

    private final ChromeDriver driver;
    private final Path profile;
    private final String name;
    private final List<String> consoleErrors = new ArrayList<>();

    Browser(String name, int width, int height) {
        this.name = name;
        profile = HeadlessChromium.newProfile();
        driver = HeadlessChromium.start(width, height, profile);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Signs in at the web front end {@code web} through the identity provider's form, checking the form's page. */
    void signIn(String web, String email, String password) {
        open(web + "/oauth2/authorization/soleus");
        find(By.id("email"));
        check("sign-in");
        type(By.id("email"), email);
        type(By.id("password"), password);
        click(By.xpath("//main//button[@type='submit']"));
    }

    WebElement find(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    void click(By by) {
        waitUntil(ExpectedConditions.elementToBeClickable(by)).click();
    }

    void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    String text(By by) {
        return find(by).getText();
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(condition, Duration.ofSeconds(30));
    }

    <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition);
    }

    /** Screenshots the page, checks it with axe-core and reads the console: the checks every page of a journey passes. */
    void check(String page) {
        screenshot(page);
        List<String> violations = accessibilityViolations();
        assertThat(violations).as("serious or critical accessibility violations on " + page).isEmpty();
        readConsole();
        assertThat(consoleErrors).as("console errors by " + page).isEmpty();
    }

    void screenshot(String page) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + "-" + page + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's serious and critical violations on the page, each as rule: nodes. */
    List<String> accessibilityViolations() {
        JavascriptExecutor js = driver;
        js.executeScript(AXE);
        String result = (String) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(JSON.stringify(r.violations)))
                   .catch(e => done(JSON.stringify([{ id: 'axe-failed', impact: 'critical', help: String(e), nodes: [] }])));""");
        List<String> serious = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(result)) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    List<String> targets = new ArrayList<>();
                    violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
                    serious.add(violation.path("id").asText() + " (" + violation.path("help").asText() + "): " + targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serious;
    }

    /** The console's errors so far, e.g. a script or style the Content-Security-Policy refused. */
    List<String> readConsole() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        return consoleErrors;
    }

    /** The browser's session cookie for the front end, to fetch what a link would download. */
    String cookie(String cookieName) {
        return driver.manage().getCookieNamed(cookieName).getValue();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: run the build (npm ci in system-tests)", e);
        }
    }

    static By css(String selector) {
        return By.cssSelector(selector);
    }
}
