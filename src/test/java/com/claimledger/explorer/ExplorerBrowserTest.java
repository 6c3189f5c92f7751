package com.claimledger.explorer;

import com.claimledger.support.Browser;
import com.claimledger.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The narrative explorer at {@code /}, in a real browser (Debian's headless Chromium): the seeded story, the time
 * slider and the address, the editor's forms and the live feed in a second browser, hostile text, no console error,
 * and axe-core's accessibility check on every main view. Screenshots of the views go to target/screenshots (and to
 * docs/screenshots with {@code -Dscreenshots.update=true}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.data-dir=target/test-data/explorer",
        "ledger.security.editors=editor:" + Http.EDITOR,
        "ledger.security.admins=admin:" + Http.ADMIN
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerBrowserTest {

    private static final String AMIROV_GKNB = "iwpr-ky-14-gknb-amirov-shot-in-raid";
    private static final String AMIROV_KNB = "iwpr-ky-15-knb-amirov-died-early-july";
    private static final int DESKTOP_WIDTH = 1280;
    private static final int DESKTOP_HEIGHT = 900;
    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/test-data/explorer").toFile());
    }

    @LocalServerPort
    private int port;

    private Http http;
    private final List<ChromeDriver> browsers = new ArrayList<>();
    /** The reader: one browser for every test, as a visitor without a token. */
    private ChromeDriver reader;

    @BeforeAll
    void startBrowser() {
        Browser.requireInstalled();
        http = new Http(port);
        reader = browser();
    }

    @AfterAll
    void stopBrowsers() {
        browsers.forEach(ChromeDriver::quit);
    }

    /** No test leaves an error in any browser's console (each reading empties the log). */
    @AfterEach
    void noConsoleErrors() {
        for (ChromeDriver browser : browsers) {
            assertThat(Browser.consoleErrors(browser)).as("console errors").isEmpty();
        }
    }

    @Test
    void theSeededPageShowsTheAmirovDisputeSideBySideWithBothSources() {
        open(reader, "/");
        WebElement pair = waitFor(reader, d -> d.findElements(By.cssSelector("#disputes li.pair")).stream()
                .filter(p -> !p.findElements(By.cssSelector(".claim[data-claim-id='" + AMIROV_GKNB + "']")).isEmpty()
                        && !p.findElements(By.cssSelector(".claim[data-claim-id='" + AMIROV_KNB + "']")).isEmpty())
                .findFirst().orElse(null));
        List<WebElement> sides = pair.findElements(By.cssSelector(".pair-sides > .claim"));
        assertThat(sides).hasSize(2);
        WebElement claim = sides.get(0);
        WebElement counter = sides.get(1);
        assertThat(claim.getAttribute("data-claim-id")).isEqualTo(AMIROV_GKNB);
        assertThat(claim.findElement(By.cssSelector(".source")).getText()).isEqualTo("GKNB");
        assertThat(counter.findElement(By.cssSelector(".source")).getText()).isEqualTo("National Security Committee of Kazakhstan");
        for (WebElement side : sides) {
            assertThat(side.findElement(By.cssSelector(".outlet")).getText()).isEqualTo("IWPR");
            assertThat(side.findElement(By.cssSelector(".date")).getText()).isEqualTo("2015-07-20");
            assertThat(side.findElement(By.cssSelector(".status")).getText()).isEqualTo("DISPUTED");
        }
        assertThat(claim.findElement(By.cssSelector(".quote")).getText()).contains("he was among those shot dead during the raid");
        assertThat(pair.findElement(By.cssSelector(".reason")).getText()).contains("explosion at the beginning of July");
        // Side by side at desktop width: the counter-claim is to the right of the claim, on the same row.
        assertThat(counter.getRect().getX()).isGreaterThan(claim.getRect().getX() + claim.getRect().getWidth());
        assertThat(counter.getRect().getY()).isEqualTo(claim.getRect().getY());

        // Grouped by topic, then by subject with the subject's aliases.
        assertThat(reader.findElement(By.id("groups")).getText()).contains("amirov-fate");
        waitFor(reader, d -> d.findElement(By.id("ledger-badge")).getText().contains("verified") ? true : null);
        assertThat(reader.findElement(By.id("ledger-head")).getText()).contains("entries");
        assertAccessible(reader, "narrative");
        Browser.screenshot(reader, "narrative-desktop");

        reader.findElement(By.cssSelector("input[name=group][value=subject]")).click();
        waitFor(reader, d -> d.getCurrentUrl().contains("group=subject") ? true : null);
        WebElement amirov = waitFor(reader, d -> d.findElements(By.cssSelector("#groups section.group")).stream()
                .filter(g -> g.findElement(By.tagName("h3")).getText().startsWith("Janbolat Amirov")).findFirst().orElse(null));
        assertThat(amirov.findElement(By.cssSelector(".aliases")).getText()).contains("Zhanbolat Amirov", "Жанболат Амиров");
        assertThat(amirov.findElements(By.cssSelector(".claim[data-claim-id='" + AMIROV_KNB + "']"))).isNotEmpty();
        assertAccessible(reader, "narrative by subject");

        onPhone(reader, () -> {
            open(reader, "/?asOf=2015-07-20&axis=published");
            WebElement phonePair = waitFor(reader, d -> d.findElement(By.cssSelector("#disputes li.pair")));
            List<WebElement> stacked = phonePair.findElements(By.cssSelector(".pair-sides > .claim"));
            // At phone width the two sides stack, and nothing is wider than the screen.
            assertThat(stacked.get(1).getRect().getY()).isGreaterThan(stacked.get(0).getRect().getY());
            assertThat(((Number) reader.executeScript("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(PHONE_WIDTH);
            Browser.screenshot(reader, "narrative-phone");
        });
    }

    @Test
    void theSliderGoesBackBeforeTheArticleAndTheAddressReproducesTheView() {
        open(reader, "/");
        waitFor(reader, d -> d.findElement(By.cssSelector("#disputes li.pair")));
        WebElement slider = reader.findElement(By.id("day-slider"));
        slider.sendKeys(Keys.HOME);
        waitFor(reader, d -> d.getCurrentUrl().contains("asOf=2015-07-19") ? true : null);
        WebElement empty = waitFor(reader, d -> d.findElement(By.id("empty-narrative")));
        assertThat(empty.getText()).contains("no claim as of 2015-07-19");
        assertThat(reader.findElements(By.cssSelector("#view .claim"))).isEmpty();
        assertThat(reader.findElement(By.id("summary")).getText()).contains("Nothing had been claimed as of 2015-07-19");
        String address = reader.getCurrentUrl();
        assertThat(address).endsWith("/?asOf=2015-07-19&axis=published");

        // The address alone reproduces the view: a fresh load of it.
        reader.navigate().to(address);
        waitFor(reader, d -> d.findElement(By.id("empty-narrative")));
        assertThat(reader.findElements(By.cssSelector("#view .claim"))).isEmpty();
        assertThat(reader.findElement(By.id("as-of")).getAttribute("value")).isEqualTo("2015-07-19");
        WebElement reloaded = reader.findElement(By.id("day-slider"));
        assertThat(reloaded.getAttribute("value")).isEqualTo(reloaded.getAttribute("min"));
        assertThat(reloaded.getAttribute("aria-valuetext")).isEqualTo("2015-07-19");
        assertAccessible(reader, "empty narrative");

        // One day later the article is there again; the address follows.
        reader.findElement(By.id("day-slider")).sendKeys(Keys.ARROW_RIGHT);
        waitFor(reader, d -> d.getCurrentUrl().contains("asOf=2015-07-20") ? true : null);
        waitFor(reader, d -> d.findElement(By.cssSelector("#disputes .claim[data-claim-id='" + AMIROV_GKNB + "']")));
        // The browser's back button returns to the empty day.
        reader.navigate().back();
        waitFor(reader, d -> d.findElement(By.id("empty-narrative")));
    }

    @Test
    void anEditorRecordsAClaimAndADisputeThroughTheFormsAndASecondBrowserSeesBothLive() {
        String id = "ui-amirov-seen-alive-" + System.nanoTime();
        String statement = "A neighbour says Amirov was seen alive after the raid.";
        // An article with its text, so that the ledger checks quotes against it.
        String withText = "ui-article-with-text-" + System.nanoTime();
        assertThat(http.post("/api/articles", Map.of("id", withText, "url", "https://neighbours.example/" + withText,
                "title", "Neighbours of the stormed house", "outlet", "Neighbours' Gazette", "publishedAt", "2015-07-21",
                "text", "A neighbour said he saw Amirov alive after the raid.")).status()).isEqualTo(201);
        open(reader, "/");
        Object loaded = reader.executeScript("return performance.timeOrigin");
        waitFor(reader, d -> d.findElement(By.id("feed-state")).getText().startsWith("Live") ? true : null);
        waitFor(reader, d -> d.findElement(By.cssSelector("#disputes li.pair")));

        ChromeDriver editor = browser();
        open(editor, "/");
        editor.findElement(By.id("editor-toggle")).click();
        WebElement token = waitFor(editor, ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        token.sendKeys(Http.EDITOR);
        editor.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        waitFor(editor, d -> d.findElement(By.id("token-state")).getText().startsWith("A token is set") ? true : null);
        assertThat(editor.executeScript("return sessionStorage.getItem('claim-ledger.editor-token')")).isEqualTo(Http.EDITOR);

        // The API's refusal, next to the field it names.
        WebElement record = editor.findElement(By.id("form-record"));
        new Select(record.findElement(By.name("articleId"))).selectByValue("iwpr-kyrgyzstan-firefight");
        record.findElement(By.name("attributedTo")).sendKeys("Neighbour of the stormed house");
        record.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement statementError = waitFor(editor, ExpectedConditions.visibilityOfElementLocated(By.id("record-statement-error")));
        assertThat(statementError.getText()).isNotBlank();
        assertThat(record.findElement(By.name("statement")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(record.findElement(By.cssSelector(".form-message")).getText()).contains("Bad Request", "statement");
        assertAccessible(editor, "editor with a refusal");

        // A quote the article's text does not hold: the API's 422, next to the quote.
        new Select(record.findElement(By.name("articleId"))).selectByValue(withText);
        record.findElement(By.name("statement")).sendKeys(statement);
        record.findElement(By.name("quote")).sendKeys("seen alive");
        record.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement quoteError = waitFor(editor, ExpectedConditions.visibilityOfElementLocated(By.id("record-quote-error")));
        assertThat(quoteError.getText()).contains("does not occur in the text of article");
        assertThat(record.findElement(By.id("record-statement-error")).isDisplayed()).isFalse();
        assertThat(record.findElement(By.cssSelector(".form-message")).getText()).contains("Unprocessable Content");
        // The two refused writes are the console errors this test expects, and the only ones.
        assertThat(Browser.consoleErrors(editor)).hasSize(2)
                .allMatch(error -> error.contains("/api/claims") && (error.contains("400") || error.contains("422")));

        new Select(record.findElement(By.name("articleId"))).selectByValue("iwpr-kyrgyzstan-firefight");
        record.findElement(By.name("subjects")).sendKeys("Zhanbolat Amirov");
        record.findElement(By.name("topic")).sendKeys("amirov-fate");
        record.findElement(By.name("id")).sendKeys(id);
        record.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(editor, d -> record.findElement(By.cssSelector(".form-message")).getText().contains("Recorded claim " + id) ? true : null);
        assertThat(record.findElement(By.id("record-statement-error")).isDisplayed()).isFalse();

        // Dispute by picking the two claims on their cards.
        pick(editor, AMIROV_GKNB);
        pick(editor, id);
        WebElement relate = editor.findElement(By.id("form-relate"));
        assertThat(relate.findElement(By.name("claim")).getAttribute("value")).isEqualTo(AMIROV_GKNB);
        assertThat(relate.findElement(By.name("byClaim")).getAttribute("value")).isEqualTo(id);
        relate.findElement(By.cssSelector("input[name=type][value=DISPUTES]")).click();
        relate.findElement(By.name("reason")).sendKeys("The neighbour contradicts the GKNB's account of Amirov's death.");
        relate.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(editor, d -> relate.findElement(By.cssSelector(".form-message")).getText()
                .contains("Dispute recorded on claim " + AMIROV_GKNB) ? true : null);
        assertThat(http.get("/api/claims/" + id).json().get("status").asText()).isEqualTo("DISPUTED");

        // The reader never reloaded: the new claim and the new dispute arrive by the stream.
        WebElement newPair = waitFor(reader, d -> d.findElements(By.cssSelector("#disputes li.pair")).stream()
                .filter(p -> !p.findElements(By.cssSelector(".claim[data-claim-id='" + id + "']")).isEmpty()
                        && !p.findElements(By.cssSelector(".claim[data-claim-id='" + AMIROV_GKNB + "']")).isEmpty())
                .findFirst().orElse(null));
        assertThat(newPair.getText()).contains(statement, "Neighbour of the stormed house");
        assertThat(reader.findElements(By.cssSelector("#groups .claim[data-claim-id='" + id + "']"))).isNotEmpty();
        assertThat(reader.findElement(By.id("feed")).getText()).contains("ClaimRecorded", id, "ClaimDisputed");
        assertThat(reader.executeScript("return performance.timeOrigin")).as("the same page, never reloaded").isEqualTo(loaded);

        assertAccessible(editor, "editor");
        editor.executeScript("window.scrollTo(0, 0)");
        Browser.screenshot(editor, "editor-desktop");
        onPhone(editor, () -> {
            editor.executeScript("document.getElementById('editor').scrollIntoView()");
            Browser.screenshot(editor, "editor-phone");
        });
    }

    /** Editor mode's "propose from text": the finder's proposals for an article, one accepted as an ordinary claim. */
    @Test
    void anEditorProposesFromAnArticlesTextAndAcceptsAProposal() {
        String articleId = "ui-finder-" + System.nanoTime();
        assertThat(http.post("/api/articles", Map.of("id", articleId, "url", "https://finder.example/" + articleId,
                "title", "Amirov's fate", "outlet", "IWPR", "publishedAt", "2015-07-20", "text",
                "According to the GKNB, Amirov was among those shot dead during the raid.\n\nThis has been disputed by the "
                        + "security service in Kazakstan, which says Amirov died at the beginning of July.")).status()).isEqualTo(201);
        ChromeDriver editor = browser();
        open(editor, "/");
        editor.findElement(By.id("editor-toggle")).click();
        waitFor(editor, ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(Http.EDITOR);
        editor.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        waitFor(editor, d -> d.findElement(By.id("token-state")).getText().startsWith("A token is set") ? true : null);

        WebElement form = waitFor(editor, ExpectedConditions.visibilityOfElementLocated(By.id("form-propose")));
        waitFor(editor, d -> new Select(form.findElement(By.name("articleId"))).getOptions().stream()
                .anyMatch(o -> articleId.equals(o.getAttribute("value"))) ? true : null);
        new Select(form.findElement(By.name("articleId"))).selectByValue(articleId);
        long size = http.ledgerSize();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement proposal = waitFor(editor, d -> d.findElements(By.cssSelector("#proposals li.proposal")).stream()
                .filter(li -> li.getText().contains("Amirov died at the beginning of July")).findFirst().orElse(null));
        assertThat(proposal.getText()).contains("National Security Committee of Kazakhstan", "2015-07-01", "at the beginning of July");
        assertThat(editor.findElement(By.cssSelector("#proposals .proposal-relations")).getText()).contains("disputes");
        assertThat(http.ledgerSize()).as("proposing records nothing").isEqualTo(size);
        assertAccessible(editor, "propose from text");

        ((JavascriptExecutor) editor).executeScript("arguments[0].scrollIntoView({block: 'center'})", proposal);
        proposal.findElement(By.cssSelector("button.accept")).click();
        String status = waitFor(editor, d -> {
            String text = proposal.findElement(By.cssSelector(".proposal-status")).getText();
            return text.startsWith("Recorded as claim ") ? text : null;
        });
        String claimId = status.substring("Recorded as claim ".length(), status.length() - 1);
        var recorded = http.get("/api/claims/" + claimId + "/history").json().get("events").get(0);
        assertThat(recorded.get("payload").get("proposal").asText()).isEqualTo(proposal.getAttribute("data-proposal-id"));
        assertThat(recorded.get("payload").get("attributedTo").asText()).isEqualTo("knb-kazakhstan");
        Browser.screenshot(editor, "propose-desktop");
    }

    @Test
    void aHostileStatementIsShownAsText() {
        String hostile = "<script>alert(1)</script>";
        String source = "<img src=x onerror=alert(2)>";
        String id = "ui-hostile-" + System.nanoTime();
        assertThat(http.post("/api/claims", Map.of("id", id, "articleId", "iwpr-kyrgyzstan-firefight", "statement", hostile,
                "quote", "<b>bold</b>", "attributedTo", source, "topic", "<i>topic</i>")).status()).isEqualTo(201);

        open(reader, "/?view=claim&claim=" + id);
        WebElement card = waitFor(reader, d -> d.findElement(By.cssSelector("#view .claim[data-claim-id='" + id + "']")));
        assertThat(card.findElement(By.cssSelector(".statement")).getText()).isEqualTo(hostile);
        assertThat(card.findElement(By.cssSelector(".source")).getText()).isEqualTo(source);
        assertThat(card.findElement(By.cssSelector(".quote")).getText()).isEqualTo("“<b>bold</b>”");
        assertThat(reader.findElement(By.id("history")).getText()).contains(hostile);
        assertNoInjectedMarkup();

        open(reader, "/");
        WebElement listed = waitFor(reader, d -> d.findElement(By.cssSelector("#groups .claim[data-claim-id='" + id + "'] .statement")));
        assertThat(listed.getText()).isEqualTo(hostile);
        assertThat(reader.findElement(By.id("groups")).getText()).contains("<i>topic</i>");
        assertNoInjectedMarkup();
    }

    @Test
    void claimHistoryEntityChangesAndRetractedViews() {
        // A claim's history: a vertical timeline of its entries with actor and both times.
        open(reader, "/?view=claim&claim=" + AMIROV_GKNB);
        WebElement history = waitFor(reader, d -> d.findElement(By.id("history")));
        List<WebElement> entries = history.findElements(By.cssSelector("li.tl-entry"));
        assertThat(entries).hasSizeGreaterThanOrEqualTo(2);
        assertThat(entries.get(0).getText()).contains("Recorded", "Narrative time", "2015-07-20", "Ledger time", "Actor", "seed");
        assertThat(entries.get(1).getText()).contains("Disputed", "Contradicted by", AMIROV_KNB);
        assertThat(entries.get(1).getRect().getY()).isGreaterThan(entries.get(0).getRect().getY());
        assertAccessible(reader, "claim");
        Browser.screenshot(reader, "claim-desktop");
        onPhone(reader, () -> Browser.screenshot(reader, "claim-phone"));

        // An entity with its aliases and record, reached from a source link.
        reader.findElement(By.cssSelector("#view .claim .source a")).click();
        waitFor(reader, d -> d.getCurrentUrl().contains("view=entity&entity=gknb") ? true : null);
        WebElement aliases = waitFor(reader, d -> d.findElement(By.id("aliases")));
        assertThat(aliases.getText()).contains("State Committee for National Security", "ГКНБ");
        assertThat(reader.findElement(By.cssSelector(".record")).getText()).contains("Claims made", "10");
        assertAccessible(reader, "entity");
        Browser.screenshot(reader, "entity-desktop");

        // The diff between two dates.
        open(reader, "/?axis=published&view=changes&from=2015-07-19&to=2015-07-20");
        WebElement diff = waitFor(reader, d -> d.findElement(By.id("diff")));
        assertThat(diff.getText()).contains("Disputed (", AMIROV_GKNB + " disputed by " + AMIROV_KNB, "Corroborated (10)");
        assertThat(reader.findElement(By.id("diff-from")).getAttribute("value")).isEqualTo("2015-07-19");
        assertAccessible(reader, "changes");
        Browser.screenshot(reader, "changes-desktop");

        // The retracted list with reasons.
        String id = "ui-retracted-" + System.nanoTime();
        assertThat(http.post("/api/claims", Map.of("id", id, "articleId", "iwpr-kyrgyzstan-firefight",
                "statement", "The raid lasted ten hours.", "attributedTo", "GKNB")).status()).isEqualTo(201);
        assertThat(http.post("/api/claims/" + id + "/retraction", Map.of("reason", "Recorded from the wrong article.",
                "at", "2015-07-22")).status()).isEqualTo(200);
        open(reader, "/?asOf=2015-07-22&axis=published&view=retracted");
        WebElement retracted = waitFor(reader, d -> d.findElement(By.cssSelector("#retracted .claim[data-claim-id='" + id + "']")));
        assertThat(reader.findElement(By.id("retracted")).getText()).contains("Recorded from the wrong article.", "GKNB");
        assertThat(retracted.findElement(By.cssSelector(".status")).getText()).isEqualTo("RETRACTED");
        assertAccessible(reader, "retracted");
        Browser.screenshot(reader, "retracted-desktop");
        open(reader, "/?asOf=2015-07-21&axis=published&view=retracted");
        waitFor(reader, d -> d.findElement(By.cssSelector("p#retracted.empty")));
    }

    // ------------------------------------------------------------------------------------------------------------

    private ChromeDriver browser() {
        Path profile;
        try {
            profile = Files.createTempDirectory("explorer-chromium");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeDriver driver = Browser.start(profile, DESKTOP_WIDTH, DESKTOP_HEIGHT);
        browsers.add(driver);
        return driver;
    }

    private void open(ChromeDriver driver, String path) {
        driver.get("http://localhost:" + port + path);
        waitFor(driver, d -> "ready".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.state")) ? true : null);
    }

    private static <T> T waitFor(ChromeDriver driver, Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Clicks the claim's "Pick" button; the view may be re-rendered meanwhile (a live update), then it tries again. */
    private static void pick(ChromeDriver driver, String claimId) {
        waitFor(driver, d -> {
            WebElement button = d.findElements(By.cssSelector(".claim[data-claim-id='" + claimId + "'] button.pick"))
                    .stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
            if (button == null) {
                return null;
            }
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
            button.click();
            return true;
        });
    }

    private void onPhone(ChromeDriver driver, Runnable check) {
        Browser.resize(driver, PHONE_WIDTH, PHONE_HEIGHT);
        try {
            check.run();
        } finally {
            Browser.resize(driver, DESKTOP_WIDTH, DESKTOP_HEIGHT);
        }
    }

    private static void assertAccessible(ChromeDriver driver, String view) {
        assertThat(Browser.seriousAccessibilityViolations(driver)).as("axe-core, serious or critical, on the %s view", view).isEmpty();
    }

    private void assertNoInjectedMarkup() {
        assertThat(reader.findElements(By.cssSelector("main script, main img, main b, main i"))).isEmpty();
        assertThatThrownBy(() -> reader.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }
}
