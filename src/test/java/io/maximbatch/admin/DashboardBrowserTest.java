package io.maximbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.maxim.CallGuard;
import io.maximbatch.sandbox.SandboxDelivery;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NotFoundException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dashboard at / as an operator uses it, in Debian's headless Chromium, against the sandbox on an H2 job database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "maxim.admin.token=" + DashboardBrowserTest.TOKEN})
class DashboardBrowserTest {

    static final String TOKEN = "dashboard-admin-token-7c1f9e04b2d8";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String INSTALL = "apt-get install -y chromium chromium-driver";
    private static final Pattern WRITTEN = Pattern.compile("written (\\d+)");
    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    /** Started by the first test that needs it, so that the HTTP-only test runs without a browser. */
    private static ChromeDriver browser;

    @TempDir
    static Path jobs;

    @TempDir
    static Path data;

    @TempDir
    static Path profile;

    @TempDir
    static Path downloads;

    @LocalServerPort
    int port;

    @Autowired
    CallGuard guard;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("maxim.api-endpoint", () -> SANDBOX.endpoint().toString());
        registry.add("maxim.app-id", () -> "sandbox");
        registry.add("maxim.access-token", () -> "sandbox-token");
        registry.add("maxim.rate-limit", () -> "2000");
        registry.add("maxim.retry.base-delay", () -> "5ms");
        registry.add("maxim.retry.max-attempts", () -> "3");
        registry.add("maxim.rejects-dir", () -> data.resolve("rejects").toString());
        registry.add("maxim.jobs-dir", jobs::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        SANDBOX.close();
    }

    @Test
    void anonymousCallersGetThePageWith401AndAStrictPolicy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(anonymous.body()).contains("<title>maxim-batch</title>", "id=\"sign-in-form\"");

        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(uri("/")).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(signedIn.body()).isEqualTo(anonymous.body());

        // The browser runs the inline script and style only if the policy names their hashes.
        String policy = anonymous.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src " + sha256(between(anonymous.body(), "<script>", "</script>")),
                "style-src " + sha256(between(anonymous.body(), "<style>", "</style>")), "connect-src 'self'",
                "img-src 'self' data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(signedIn.headers().firstValue("Content-Security-Policy")).hasValue(policy);

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(post.body()).doesNotContain("<html");
        HttpResponse<String> apiDocs = http.send(HttpRequest.newBuilder(uri("/v3/api-docs")).header("Authorization", "Bearer " + TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(apiDocs.body()).contains("\"/api/jobs\"").doesNotContain("\"/\":");
    }

    @Test
    void signsInWithTheTokenKeepsItOutOfThePageAndAsksAgainWhenItIsRefused() {
        openSignedOut();
        browser.findElement(By.id("token")).sendKeys(TOKEN + "-wrong");
        browser.findElement(By.id("sign-in-button")).click();
        page().until(() -> message().contains("refused"));
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();

        signIn();
        page().until(() -> browser.findElement(By.id("rate-current")).getText(), text -> text.equals("2000"));
        assertTokenNotShown();
        // The strict policy lets the page's own script and style run, and nothing else was tried.
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .noneMatch(line -> line.contains("Content Security Policy"));

        // A token that stops working (here: replaced) brings the sign-in form back at the next refresh.
        browser.executeScript("sessionStorage.setItem('maxim-admin-token', 'not-the-token')");
        page().until(() -> browser.findElement(By.id("sign-in")).isDisplayed() && message().contains("sign in again"));
        assertThat(browser.findElements(By.cssSelector("#jobs tbody tr"))).isEmpty();
    }

    @Test
    void changesTheRateLimitAndShowsTheApiRefusal() {
        double before = guard.rate();
        try {
            signIn();
            setRate("0");
            page().until(() -> message().contains("a rate limit must be from 0.1 to 100000 requests per second"));
            assertThat(guard.rate()).isEqualTo(before);

            setRate("750");
            page().until(() -> browser.findElement(By.id("rate-current")).getText(), text -> text.equals("750"));
            assertThat(guard.rate()).isEqualTo(750);
            assertThat(browser.findElement(By.id("message")).isDisplayed()).isFalse();
        } finally {
            guard.setRate(before);
        }
    }

    @Test
    void showsTheProgressOfARunningJobAndItsRejects() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(data, "dbp", 300, true);
        JobTestSupport.jobFile(jobs, "dash-progress", JobTestSupport.usersStep(users.file(), 10, 10, "reject"));
        // One call per chunk (a chunk's batches go out in parallel) of a second: the run goes on for half a minute,
        // time enough to watch it on a busy machine; it is sped up once watched.
        SANDBOX.faults().set(new SandboxFaults.Settings(1000, 0, 0, 0, 0, null, 1));
        signIn();

        long id = launch("dash-progress");
        double first = page().until(() -> progress(id), p -> p > 0 && p < 1);
        long writtenFirst = written(id);
        assertThat(step(id).findElement(By.cssSelector(".speed")).getText()).matches("[0-9.]+ records/s · about .+ left");
        screenshot();
        page().until(() -> progress(id) > first && written(id) > writtenFirst);
        assertThat(row(id).getDomAttribute("data-status")).isEqualTo("STARTED");
        assertThat(row(id).findElement(By.cssSelector("button.stop")).isDisplayed()).isTrue();
        SANDBOX.faults().set(SandboxFaults.Settings.none());

        page().until(() -> row(id).getDomAttribute("data-status").equals("COMPLETED"));
        assertThat(progress(id)).isEqualTo(1.0);
        assertThat(step(id).findElement(By.cssSelector(".counts")).getText())
                .isEqualTo("read " + (300 + users.invalidLines().size()) + " · written 300 · updated 0 · already done 0 · rejected "
                        + users.invalidLines().size());
        assertThat(row(id).findElement(By.cssSelector("button.stop")).isDisplayed()).isFalse();
        assertThat(row(id).findElement(By.cssSelector("button.restart")).isDisplayed()).isFalse();

        step(id).findElement(By.cssSelector("button.rejects")).click();
        Path report = page().until(() -> downloaded(".csv"), found -> found != null);
        assertThat(Files.readAllLines(report)).hasSize(users.invalidLines().size() + 1)
                .first().asString().startsWith("line,reason_code,reason,legacy_id,username");
        assertTokenNotShown();
    }

    @Test
    void stopsARunningExecution() {
        UsersFile users = JobTestSupport.usersCsv(data, "dbs", 200, false);
        JobTestSupport.jobFile(jobs, "dash-stop", JobTestSupport.usersStep(users.file(), 5, 5, "reject"));
        // A second per chunk of 5: the run would take 40 s, so the stop comes while it runs even on a busy machine.
        SANDBOX.faults().set(new SandboxFaults.Settings(1000, 0, 0, 0, 0, null, 1));
        signIn();

        long id = launch("dash-stop");
        page().until(() -> written(id) > 0);
        row(id).findElement(By.cssSelector("button.stop")).click();

        page().until(() -> row(id).getDomAttribute("data-status").equals("STOPPED"));
        // Restartable once its last step has wound down too.
        page().until(() -> row(id).findElement(By.cssSelector("button.restart")).isDisplayed());
        assertThat(row(id).findElement(By.cssSelector("button.stop")).isDisplayed()).isFalse();
        assertThat(registered("dbs_")).hasSizeLessThan(200);
        assertTokenNotShown();
    }

    @Test
    void restartsAFailedExecutionToExactlyTheExpectedUsers() {
        UsersFile users = JobTestSupport.usersCsv(data, "dbf", 300, false);
        JobTestSupport.jobFile(jobs, "dash-fail", JobTestSupport.usersStep(users.file(), 10, 10, "reject"));
        long registrationsBefore = SANDBOX.state().registrationCallsSucceeded();
        // After two batches of ten, an answer MaxIM gives for a bad access token: fatal, the job fails at once.
        SANDBOX.faults().forceCodeAfter("/user/register/batch", 2, 10008);
        signIn();

        long failed = launch("dash-fail");
        page().until(() -> row(failed).getDomAttribute("data-status").equals("FAILED")
                && row(failed).findElement(By.cssSelector("button.restart")).isDisplayed());
        assertThat(registered("dbf_")).hasSize(20);

        SANDBOX.faults().set(SandboxFaults.Settings.none());
        row(failed).findElement(By.cssSelector("button.restart")).click();
        long restarted = page().until(() -> newestExecution("dash-fail"), newest -> newest > failed);
        page().until(() -> row(restarted).getDomAttribute("data-status").equals("COMPLETED"));

        assertThat(row(failed).getDomAttribute("data-status")).isEqualTo("FAILED");
        assertThat(registered("dbf_")).isEqualTo(Set.copyOf(users.valid().values()));
        assertThat(SANDBOX.state().registrationCallsSucceeded() - registrationsBefore).isEqualTo(300);
        assertTokenNotShown();
    }

    @Test
    void aCampaignsExecutionShowsItsStoredDeliveryPerChannelWithoutAMaximCallPerPageView() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(data, "dbd", 160, false);
        StringBuilder audience = new StringBuilder("legacy_id\n");
        users.valid().keySet().forEach(id -> audience.append(id).append('\n'));
        Path audienceFile = data.resolve("dbd-audience.csv");
        JobTestSupport.write(audienceFile, audience.toString());
        JobTestSupport.jobFile(jobs, "dash-delivery", JobTestSupport.usersStep(users.file(), 50, 50, "reject") + """
                  - name: welcome
                    type: push-campaign
                    batch-size: 30
                    audience: { csv: %s }
                    message: { body: "welcome" }
                """.formatted(audienceFile.toAbsolutePath()));
        int pushesBefore = SANDBOX.state().pushes().size();
        signIn();
        long id = launch("dash-delivery");
        page().until(() -> row(id).getDomAttribute("data-status").equals("COMPLETED"));
        assertThat(row(id).findElement(By.cssSelector(".delivery")).isDisplayed()).as("nothing stored yet").isFalse();

        long detailCalls = detailCalls();
        assertThat(api("/api/executions/" + id + "/delivery").statusCode()).isEqualTo(200);
        assertThat(detailCalls()).as("the first view of a run with nothing stored fetches its tasks' figures, in one call")
                .isEqualTo(detailCalls + 1);
        Set<Long> tasks = SANDBOX.state().pushes().subList(pushesBefore, SANDBOX.state().pushes().size()).stream()
                .map(SandboxState.PushView::taskId).collect(Collectors.toSet());
        Map<String, SandboxDelivery.Figures> sandbox = SandboxDelivery.of(SANDBOX.state(), tasks);

        for (int view = 0; view < 3; view++) {
            browser.navigate().refresh();
            page().until(() -> row(id).findElement(By.cssSelector(".delivery")).isDisplayed());
            for (String channel : SandboxDelivery.CHANNELS) {
                SandboxDelivery.Figures f = sandbox.get(channel);
                WebElement line = row(id).findElement(By.cssSelector(".delivery tr[data-channel='" + channel + "']"));
                assertThat(line.findElements(By.tagName("td")).subList(0, 5)).extracting(WebElement::getText).containsExactly(channel,
                        String.valueOf(f.target()), String.valueOf(f.sent()), String.valueOf(f.received()),
                        String.format(java.util.Locale.ROOT, "%.1f %%", f.received() * 100.0 / f.target()));
                assertThat(barWidth(line, ".bar-sent")).isCloseTo(f.sent() * 100.0 / f.target(), within(0.01));
                assertThat(barWidth(line, ".bar-delivered")).isCloseTo(f.received() * 100.0 / f.target(), within(0.01));
            }
            assertThat(row(id).findElement(By.cssSelector(".delivery-age")).getText()).startsWith("Delivery · fetched ");
            assertThat(api("/api/executions/" + id + "/delivery").body()).contains("\"execution\":" + id, "\"fetchedAt\"");
        }
        screenshot();
        assertThat(detailCalls()).as("the page and the API answer from the stored figures").isEqualTo(detailCalls + 1);
        assertThat(api("/api/executions/999999/delivery").statusCode()).isEqualTo(404);
        assertTokenNotShown();
    }

    /** A bar's width in per cent of the row's targets, as the page set it. */
    private static double barWidth(WebElement line, String bar) {
        String style = line.findElement(By.cssSelector(bar)).getDomAttribute("style");
        Matcher width = Pattern.compile("width: ([0-9.]+)%").matcher(style == null ? "" : style);
        return width.find() ? Double.parseDouble(width.group(1)) : -1;
    }

    private static long detailCalls() {
        return SANDBOX.state().servedByCall().getOrDefault("POST /push/task/detail", 0L);
    }

    private HttpResponse<String> api(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits as a user watching a page refreshed every second would; a row may not be there yet. */
    private static ConditionFactory page() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(150))
                .ignoreExceptionsMatching(e -> e instanceof NotFoundException || e instanceof StaleElementReferenceException);
    }

    private void openSignedOut() {
        ChromeDriver b = browser();
        b.get(uri("/").toString());
        b.executeScript("sessionStorage.clear()");
        b.navigate().refresh();
        page().until(() -> b.findElement(By.id("sign-in")).isDisplayed());
    }

    private void signIn() {
        openSignedOut();
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("sign-in-button")).click();
        page().until(() -> browser.findElement(By.id("dashboard")).isDisplayed());
        assertThat(browser.findElement(By.id("token")).getDomProperty("value")).isEmpty();
    }

    /** Clicks the job's Launch button and answers the id of the execution row that appears for it. */
    private long launch(String job) {
        long before = newestExecution(job);
        page().until(() -> browser.findElement(By.cssSelector("#jobs tr[data-name='" + job + "'] button.launch")), WebElement::isDisplayed)
                .click();
        return page().until(() -> newestExecution(job), id -> id > before);
    }

    private long newestExecution(String job) {
        return browser.findElements(By.cssSelector("#executions tr[data-job='" + job + "']")).stream()
                .mapToLong(row -> Long.parseLong(row.getDomAttribute("data-execution"))).max().orElse(0);
    }

    private void setRate(String value) {
        WebElement input = browser.findElement(By.id("rate-input"));
        input.clear();
        input.sendKeys(value);
        browser.findElement(By.id("rate-button")).click();
    }

    private WebElement row(long id) {
        return browser.findElement(By.cssSelector("#executions tr[data-execution='" + id + "']"));
    }

    private WebElement step(long id) {
        return row(id).findElement(By.cssSelector("[data-step='users']"));
    }

    private double progress(long id) {
        String value = step(id).findElement(By.cssSelector("progress")).getDomAttribute("data-progress");
        return value == null || value.isEmpty() ? -1 : Double.parseDouble(value);
    }

    private long written(long id) {
        Matcher written = WRITTEN.matcher(step(id).findElement(By.cssSelector(".counts")).getText());
        return written.find() ? Long.parseLong(written.group(1)) : -1;
    }

    private String message() {
        WebElement message = browser.findElement(By.id("message"));
        return message.isDisplayed() ? message.getText() : "";
    }

    private static Set<String> registered(String prefix) {
        return SANDBOX.state().usersByName().keySet().stream().filter(name -> name.startsWith(prefix)).collect(Collectors.toSet());
    }

    private static Path downloaded(String suffix) throws Exception {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
        }
    }

    private void assertTokenNotShown() {
        assertThat(browser.getPageSource()).doesNotContain(TOKEN);
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(TOKEN);
    }

    /** What the page looked like, for a person reading the build's output. */
    private void screenshot() throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Debian's Chromium and chromedriver, so that Selenium Manager downloads nothing; missing ones fail CI only. */
    private static ChromeDriver browser() {
        if (browser == null) {
            if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
                String missing = "the dashboard test needs " + CHROMIUM + " and " + CHROMEDRIVER + ": " + INSTALL;
                if ("true".equals(System.getenv("CI"))) {
                    fail(missing);
                }
                assumeTrue(false, missing + " (skipped outside CI)");
            }
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().withLogLevel(ChromiumDriverLogLevel.WARNING)
                    .withLogFile(Path.of("target", "chromedriver.log").toFile()).build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--window-size=1400,1000");
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            browser = new ChromeDriver(service, options);
        }
        return browser;
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    private static String sha256(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    }
}
