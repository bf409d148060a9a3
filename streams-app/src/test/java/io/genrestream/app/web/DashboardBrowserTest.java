package io.genrestream.app.web;

import io.genrestream.avro.GenreChange;
import io.genrestream.avro.StreamGenre;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.genrestream.topics.GenreTopics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}, driven by Selenium
 * without Selenium Manager, nothing downloaded) against the running app on a real broker and registry: verdicts
 * written onto the output topics show up on the page, first from the REST snapshot and then live over SSE; a track
 * title carrying markup is shown as text and injects nothing. Saves {@code target/dashboard.png}.
 */
@WithKafkaStack
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("genre.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("genre.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Markup in a title: would run (onerror) or add elements if the page ever put data in as HTML. */
    private static final String HOSTILE_TITLE =
            "<script>window.__injected = 1</script><img src=x onerror=\"window.__injected = 2\"> & \"quotes\"";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardBrowserTest.class);

    @Test
    void showsVerdictsLiveAndEscapesEveryString(StackEndpoints stack, @TempDir Path profile) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                + " (apt-get install -y --no-install-recommends chromium chromium-driver): dashboard browser test skipped");
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no ChromeDriver at " + CHROMEDRIVER
                + " (apt-get install -y --no-install-recommends chromium-driver): dashboard browser test skipped");
        String run = WebTestApp.newRun("web-ui");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, WebTestApp.properties(stack, run));
             VerdictRecords records = new VerdictRecords(stack, server.getApplicationContext().getBean(GenreTopics.class), run)) {
            String radio = "radio-" + run.substring(run.length() - 4);
            String club = "club-" + run.substring(run.length() - 4);
            records.send(timeline(radio, List.of("rock", "rock", "rock", "rock", "rock", "rock", "jazz", "jazz",
                    "jazz", "jazz", "jazz", "jazz", "jazz", "blues", "blues", "blues"), 30.0));
            records.send(VerdictRecords.change(radio, "rock", "jazz", 48.0, 0.7),
                    VerdictRecords.change(radio, "jazz", "blues", 69.0, 0.6));
            records.send(timeline(club, List.of("disco", "disco", "disco", "pop", "pop", "pop", "pop", "pop"), 30.0));
            records.send(VerdictRecords.change(club, "disco", "pop", 39.0, 0.8));
            records.send(VerdictRecords.track(run + "-miles", "jazz", 0.8, Map.of("jazz", 8, "blues", 2),
                            "Blue in Green", "Miles Davis"),
                    VerdictRecords.track(run + "-xss", "pop", 0.6, Map.of("pop", 6, "disco", 4), HOSTILE_TITLE,
                            "<b>bold</b>"));

            WebDriver driver = chrome(profile);
            try {
                WebDriverWait wait = new WebDriverWait(driver, WAIT);
                driver.get(server.getURL() + "/");
                // the REST snapshot (or SSE, whichever is first) fills both tables and the chart
                wait.until(ExpectedConditions.presenceOfElementLocated(trackRow(run + "-xss")));
                wait.until(ExpectedConditions.presenceOfElementLocated(trackRow(run + "-miles")));
                wait.until(d -> d.findElements(By.cssSelector("#streams tbody tr")).size() == 2);
                wait.until(d -> !d.findElements(By.cssSelector("#timeline-chart svg rect.run")).isEmpty());

                WebElement hostile = driver.findElement(trackRow(run + "-xss")).findElements(By.tagName("td")).get(1);
                assertThat(hostile.findElement(By.tagName("div")).getText()).isEqualTo(HOSTILE_TITLE);
                JavascriptExecutor js = (JavascriptExecutor) driver;
                assertThat(js.executeScript("return document.scripts.length")).isEqualTo(1L);
                assertThat(js.executeScript("return document.querySelectorAll('main img, main b').length"))
                        .isEqualTo(0L);
                assertThat(js.executeScript("return typeof window.__injected")).isEqualTo("undefined");

                // live over SSE: a verdict and a stream update written after the page loaded appear without reload
                wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
                records.send(VerdictRecords.track(run + "-live", "classical", 0.9, Map.of("classical", 9, "jazz", 1),
                        "Gymnopédie No. 1", "Erik Satie"));
                records.send(VerdictRecords.stream(club, "hiphop", 0.55, 30.0 + 3 * 8));
                wait.until(ExpectedConditions.presenceOfElementLocated(trackRow(run + "-live")));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(streamRow(club), "hiphop"));
                assertThat(driver.findElements(By.cssSelector("#tracks tbody tr")).get(0).getAttribute("data-track-id"))
                        .isEqualTo(run + "-live");
                assertThat(driver.findElement(By.id("changes")).getText()).contains(radio).contains(club);

                driver.findElement(streamRow(radio)).click();
                wait.until(ExpectedConditions.textToBe(By.id("timeline-stream"), radio));
                // 16 rolling verdicts in three genre runs: rock, jazz, blues
                wait.until(d -> d.findElements(By.cssSelector("#timeline-chart svg line.point")).size() == 16);
                assertThat(driver.findElements(By.cssSelector("#timeline-chart svg rect.run"))).hasSize(3);
                assertThat(driver.findElement(By.id("timeline-legend")).getText())
                        .contains("rock").contains("jazz").contains("blues");
                assertThat(js.executeScript("return typeof window.__injected")).isEqualTo("undefined");

                File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.createDirectories(SCREENSHOT.getParent());
                Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("Dashboard screenshot: {}", SCREENSHOT.toAbsolutePath());
            } finally {
                driver.quit();
            }
        }
    }

    private static StreamGenre[] timeline(String stream, List<String> genres, double firstWindowEnd) {
        List<StreamGenre> points = new ArrayList<>();
        for (int i = 0; i < genres.size(); i++) {
            String genre = genres.get(i);
            boolean fresh = i > 0 && !genres.get(i - 1).equals(genre);
            points.add(VerdictRecords.stream(stream, genre, fresh ? 0.5 : Math.min(0.9, 0.55 + 0.05 * (i % 6)),
                    firstWindowEnd + 3.0 * i));
        }
        return points.toArray(StreamGenre[]::new);
    }

    private static By trackRow(String trackId) {
        return By.cssSelector("#tracks tbody tr[data-track-id='" + trackId + "']");
    }

    private static By streamRow(String streamId) {
        return By.cssSelector("#streams tbody tr[data-stream-id='" + streamId + "']");
    }

    /** Headless Chromium with a fresh profile and everything that would reach the network at start turned off. */
    private static WebDriver chrome(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        // an explicit driver executable and browser binary: Selenium Manager is never asked to find or fetch them;
        // should it run anyway, SE_* system properties reach it as its environment, and SE_OFFLINE keeps it offline
        System.setProperty("SE_OFFLINE", "true");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
