package io.soleus.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the dashboard benchmark measures, in a browser an admin is signed in to: how soon the
 * dashboard paints and has drawn every chart, beside the welcome page's first paint (a page with no
 * data behind it, in the same browser and run); and how soon after an event is recorded the live
 * chart has redrawn, beside how soon the treatment service's own stream said so.
 */
public final class DashboardMeasure {

    /** Records one event that moves the figures (through the public API) and returns when it was sent. */
    public interface Event {
        Instant record();
    }

    /** Waits, off the browser, for the service's own stream to say "changed"; returns when it did. */
    public interface StreamWatch {
        Instant nextChange(Duration timeout);
    }

    public record Figures(Histogram welcomePaint, Histogram dashboardPaint, Histogram chartsDrawn, Histogram serviceSignal,
                          Histogram liveChart) {

        public void print() {
            System.out.printf(Locale.ROOT, "%-58s %8s %8s %8s %8s%n", "milliseconds", "p50", "p90", "max", "n");
            row("welcome page, first paint (baseline: no data)", welcomePaint);
            row("dashboard, first paint", dashboardPaint);
            row("dashboard, every chart drawn", chartsDrawn);
            row("event to the treatment stream's 'changed' (baseline)", serviceSignal);
            row("event to the live chart redrawn in the browser", liveChart);
        }

        private static void row(String name, Histogram histogram) {
            System.out.printf(Locale.ROOT, "%-58s %8d %8d %8d %8d%n", name, histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(90), histogram.getMaxValue(), histogram.getTotalCount());
        }
    }

    private DashboardMeasure() {
    }

    /** Measures {@code rounds} page loads and {@code events} events; the driver is signed in as an admin. */
    public static Figures measure(WebDriver driver, String web, int rounds, int events, Event event, StreamWatch stream) {
        Histogram welcome = new Histogram(3);
        Histogram paint = new Histogram(3);
        Histogram drawn = new Histogram(3);
        for (int round = 0; round <= rounds; round++) { // the first round warms up and is not counted
            driver.get(web + "/?lang=en");
            long welcomePaint = firstPaint(driver);
            driver.get(web + "/admin");
            long dashboardPaint = firstPaint(driver);
            long chartsDrawn = waitForCharts(driver);
            if (round > 0) {
                welcome.recordValue(welcomePaint);
                paint.recordValue(dashboardPaint);
                drawn.recordValue(chartsDrawn);
            }
        }
        Histogram signal = new Histogram(3);
        Histogram live = new Histogram(3);
        driver.get(web + "/admin");
        waitForCharts(driver);
        for (int i = 0; i < events; i++) {
            String before = drawnAt(driver);
            awaitLiveStream(driver);
            Instant sent = event.record();
            Instant signalled = stream.nextChange(Duration.ofSeconds(30));
            new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(5))
                    .until(browser -> !drawnAt(browser).equals(before));
            long redrawnAt = Long.parseLong(drawnAt(driver));
            signal.recordValue(Math.max(0, Duration.between(sent, signalled).toMillis()));
            live.recordValue(Math.max(0, redrawnAt - sent.toEpochMilli()));
        }
        return new Figures(welcome, paint, drawn, signal, live);
    }

    /** The page's first contentful paint, in milliseconds from the start of its navigation. */
    private static long firstPaint(WebDriver driver) {
        Object paint = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(10)).until(browser -> ((JavascriptExecutor) browser)
                .executeScript("const p = performance.getEntriesByName('first-contentful-paint'); return p.length ? p[0].startTime : null;"));
        return Math.round(((Number) paint).doubleValue());
    }

    /** Waits until every chart on the dashboard is drawn; returns when the last was, from the start of the navigation. */
    private static long waitForCharts(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(10)).until(browser -> {
            List<?> charts = browser.findElements(By.cssSelector(".chart[data-option]"));
            return !charts.isEmpty() && browser.findElements(By.cssSelector(".chart[data-drawn-ms]")).size() == charts.size();
        });
        Object last = ((JavascriptExecutor) driver).executeScript(
                "return Math.max(...[...document.querySelectorAll('.chart[data-drawn-ms]')].map(c => Number(c.dataset.drawnMs)));");
        return Math.round(((Number) last).doubleValue());
    }

    private static String drawnAt(WebDriver driver) {
        return String.valueOf(driver.findElement(By.id("course")).getAttribute("data-drawn"));
    }

    /** The dashboard's own live stream is open (the relay answered), so no event is missed before it connects. */
    private static void awaitLiveStream(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(10)).until(browser ->
                "open".equals(((JavascriptExecutor) browser).executeScript("return document.querySelector('section.dashboard').dataset.live;")));
    }
}
