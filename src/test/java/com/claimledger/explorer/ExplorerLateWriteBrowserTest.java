package com.claimledger.explorer;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Browser;
import com.claimledger.support.Http;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer's editor when the ledger stores a claim but its views have not shown it within the read-your-writes
 * timeout (202 Accepted, {@code RecordedNotYetVisibleTest}): the form says the claim is stored and will show shortly —
 * not an error, nothing to send again — and the claim reads once the views catch up. A projection of this test only,
 * held while its gate is shut, keeps the views behind.
 */
class ExplorerLateWriteBrowserTest {

    /** Handles every event; while held, waits (bounded) for the gate to open. No stereotype: scanning skips it. */
    @ProcessingGroup("held-explorer-probe")
    static class HeldProjection {

        volatile CountDownLatch gate = new CountDownLatch(0);

        @EventHandler
        void on(Object event) throws InterruptedException {
            gate.await(30, TimeUnit.SECONDS);
        }
    }

    @TempDir
    static Path dataDir;
    @TempDir
    static Path profile;
    static ConfigurableApplicationContext app;
    static int port;
    static Http http;
    static HeldProjection held;
    static ChromeDriver editor;

    @BeforeAll
    static void start() {
        Browser.requireInstalled();
        // H2 only: this is the explorer's handling of an answer, whatever database gave it.
        app = new SpringApplicationBuilder(ClaimLedgerApplication.class, HeldProjection.class).run(
                "--ledger.data-dir=" + dataDir, "--server.port=0", "--ledger.projections.read-your-writes-timeout=300ms",
                "--ledger.security.editors=editor:" + Http.EDITOR, "--ledger.security.admins=admin:" + Http.ADMIN);
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        http = new Http(port);
        held = app.getBean(HeldProjection.class);
        editor = Browser.start(profile, 1280, 900);
    }

    @AfterAll
    static void stop() {
        if (held != null) {
            held.gate.countDown();
        }
        if (editor != null) {
            editor.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aClaimStoredWhileTheViewsAreBehindIsReportedStoredNotFailedAndReadsOnceTheyCatchUp() {
        // given: the editor, signed in with a token, on the record form
        editor.get("http://localhost:" + port + "/");
        // The first page of a fresh machine's first browser test (CI runs this class first): Chromium's first start
        // and a cold JIT once took the page past 20 s; a bound on the wait, not on the page's speed.
        waitFor(d -> "ready".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.state")) ? true : null,
                Duration.ofSeconds(90));
        editor.findElement(By.id("editor-toggle")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(Http.EDITOR);
        editor.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        waitFor(d -> d.findElement(By.id("token-state")).getText().startsWith("A token is set") ? true : null);
        WebElement record = editor.findElement(By.id("form-record"));
        new Select(record.findElement(By.name("articleId"))).selectByValue("iwpr-kyrgyzstan-firefight");
        record.findElement(By.name("attributedTo")).sendKeys("GKNB");
        record.findElement(By.name("statement")).sendKeys("Recorded while the views were behind.");
        record.findElement(By.name("id")).sendKeys("late-in-explorer");

        // when: it is recorded while the views are held back
        held.gate = new CountDownLatch(1);
        try {
            record.findElement(By.cssSelector("button[type=submit]")).click();
            WebElement message = record.findElement(By.cssSelector(".form-message"));
            waitFor(d -> message.getText().contains("the views will show it shortly") ? true : null);

            // then: stored, with its id, as done and not as a problem; the form is cleared for the next claim
            assertThat(message.getText())
                    .isEqualTo("Stored in the ledger (late-in-explorer); the views will show it shortly.");
            assertThat(message.getAttribute("class")).contains("done");
            assertThat(record.findElement(By.name("statement")).getAttribute("value")).isEmpty();
            assertThat(record.findElement(By.name("id")).getAttribute("value")).isEmpty();
        } finally {
            held.gate.countDown();
        }
        // and the claim reads once the views have caught up; the browser logged no error for the 202
        waitFor(d -> http.get("/api/claims/late-in-explorer").status() == 200 ? true : null);
        assertThat(http.get("/api/claims/late-in-explorer").json().get("statement").asText())
                .isEqualTo("Recorded while the views were behind.");
        assertThat(Browser.consoleErrors(editor)).isEmpty();
    }

    private static <T> T waitFor(Function<? super WebDriver, T> condition) {
        return waitFor(condition, Duration.ofSeconds(20));
    }

    private static <T> T waitFor(Function<? super WebDriver, T> condition, Duration bound) {
        return new WebDriverWait(editor, bound, Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }
}
