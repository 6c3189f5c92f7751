package com.claimledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven by its ChromeDriver (packages {@code chromium} and {@code chromium-driver},
 * installed by .ci/run). Both paths are given explicitly, so Selenium Manager (which would try to download a browser
 * and a driver) is never asked. Missing binaries skip the browser tests locally and fail them in CI ({@code CI=true}),
 * where they must be there.
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String AXE = "/vendor/axe-core-4.10.3/axe.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Browser() {
    }

    public static void requireInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = "Chromium or ChromeDriver is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(missing + "; .ci/run must install them");
        }
        Assumptions.abort(missing);
    }

    /** A fresh browser (its own profile, so its own sessionStorage) with the page's console kept for reading. */
    public static ChromeDriver start(Path profile, int width, int height) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height, "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        resize(driver, width, height);
        return driver;
    }

    /** Sets the viewport (not the window) to the size, so screenshots are exactly that big. */
    public static void resize(ChromeDriver driver, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight];");
        if (inner instanceof List<?> size && size.size() == 2) {
            int dw = width - ((Number) size.get(0)).intValue();
            int dh = height - ((Number) size.get(1)).intValue();
            if (dw != 0 || dh != 0) {
                driver.manage().window().setSize(new Dimension(width + dw, height + dh));
            }
        }
    }

    /**
     * The browser console's SEVERE entries since the last read (reading empties the log), except those an allowed
     * pattern finds.
     */
    public static List<String> consoleErrors(ChromeDriver driver, Pattern... allowed) {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() < Level.SEVERE.intValue()) {
                continue;
            }
            String message = entry.getMessage();
            boolean expected = false;
            for (Pattern pattern : allowed) {
                expected |= pattern.matcher(message).find();
            }
            if (!expected) {
                errors.add(message);
            }
        }
        return errors;
    }

    /**
     * Runs axe-core in the page and answers its violations of impact {@code serious} or {@code critical}, each as
     * "rule: help (the first offending elements)".
     */
    public static List<String> seriousAccessibilityViolations(ChromeDriver driver) {
        Object result = driver.executeAsyncScript(axeSource() + "\n;const done = arguments[arguments.length - 1];"
                + "axe.run(document)"
                + ".then(r => done(JSON.stringify({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id,"
                + " impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))})))"
                + ".catch(e => done(JSON.stringify({passes: 0, violations: [{id: 'axe-failed', impact: 'critical',"
                + " help: String(e), nodes: []}]})));");
        List<String> serious = new ArrayList<>();
        try {
            JsonNode report = JSON.readTree(String.valueOf(result));
            if (report.path("passes").asInt() == 0) {
                // axe-core that checked nothing has not run: no answer is not a clean answer.
                serious.add("axe-core checked nothing: " + report);
            }
            for (JsonNode violation : report.path("violations")) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    serious.add(violation.path("id").asText() + " (" + impact + "): " + violation.path("help").asText()
                            + " " + violation.path("nodes"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serious;
    }

    /**
     * A screenshot of the viewport into target/screenshots/NAME.png; with {@code -Dscreenshots.update=true} also into
     * docs/screenshots/, where the README shows them.
     */
    public static void screenshot(ChromeDriver driver, String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path target = Path.of("target/screenshots");
            Files.createDirectories(target);
            Files.write(target.resolve(name + ".png"), png);
            if (Boolean.getBoolean("screenshots.update")) {
                Path docs = Path.of("docs/screenshots");
                Files.createDirectories(docs);
                Files.write(docs.resolve(name + ".png"), png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getResourceAsStream(AXE)) {
            if (in == null) {
                throw new IllegalStateException(AXE + " is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
