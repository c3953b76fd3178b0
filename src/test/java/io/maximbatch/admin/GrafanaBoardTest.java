package io.maximbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/grafana/maxim-batch.json names only metrics the application exposes: every metric its queries (and its
 * variables) name is at /actuator/prometheus after a sample run (welcome-campaign against a sandbox that answers 503
 * now and then, so that retries are counted too).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "maxim.admin.token=" + GrafanaBoardTest.TOKEN})
class GrafanaBoardTest {

    static final String TOKEN = "grafana-admin-token-0123456789abcdef";
    static final Path BOARD = Path.of("docs/grafana/maxim-batch.json");
    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** PromQL words that are not metric names. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @TempDir
    static Path data;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, data);
        registry.add("maxim.jobs-dir", () -> Path.of("jobs").toAbsolutePath().toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:grafana-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void everyMetricTheBoardQueriesIsExposedAfterASampleRun() throws Exception {
        AdminHttp api = new AdminHttp(port, TOKEN);
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0.05, 0, 0, null, 28));
        long execution = api.json(api.post("/api/jobs/welcome-campaign/executions", "{\"campaign_date\": \"2026-12-01\"}"), 202).get("id").asLong();
        api.awaitStatus(execution, "COMPLETED", Duration.ofMinutes(2));
        SANDBOX.faults().set(SandboxFaults.Settings.none());
        // The delivery gauges show stored figures: fetching the run's delivery stores them.
        api.json(api.get("/api/executions/" + execution + "/delivery?refresh=true"), 200);

        Set<String> exposed = api.get("/actuator/prometheus").body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> queried = metricNames(JSON.readTree(Files.readString(BOARD)));

        assertThat(queried).as("the board's queries name the calls, records, retries, latency and limit metrics")
                .contains("maxim_calls_total", "maxim_items_total", "maxim_call_retries_total", "maxim_call_duration_seconds_bucket",
                        "maxim_ratelimiter_limit");
        assertThat(queried).as("the board shows the delivery gauges").contains("maxim_batch_push_targets", "maxim_batch_push_sent",
                "maxim_batch_push_delivered");
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exposed);
        assertThat(missing).as("metrics the board queries that /actuator/prometheus does not expose").isEmpty();
    }

    @Test
    void theBoardAsksForItsPrometheusDatasourceAndEveryPanelUsesIt() throws Exception {
        JsonNode board = JSON.readTree(Files.readString(BOARD));

        assertThat(board.get("templating").get("list")).anySatisfy(variable -> {
            assertThat(variable.get("name").asString()).isEqualTo("datasource");
            assertThat(variable.get("type").asString()).isEqualTo("datasource");
            assertThat(variable.get("query").asString()).isEqualTo("prometheus");
        });
        List<JsonNode> queries = new ArrayList<>();
        board.get("panels").forEach(panel -> {
            if (!panel.get("type").asString().equals("row")) {
                assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString()).isEqualTo("${datasource}");
                panel.get("targets").forEach(queries::add);
            }
        });
        assertThat(queries).isNotEmpty().allSatisfy(target -> assertThat(target.get("datasource").get("uid").asString()).isEqualTo("${datasource}"));
    }

    @Test
    void metricNamesAreReadFromQueriesWithoutFunctionsLabelsOrVariables() {
        assertThat(namesIn("histogram_quantile(0.95, sum by (le, endpoint) (rate(a_bucket{instance=~\"$instance\", code=\"x\"}[$__rate_interval])))"
                + " / on (job) group_left sum(b_total offset 5m) and c"))
                .containsExactlyInAnyOrder("a_bucket", "b_total", "c");
    }

    /** The metric names of every panel's queries and of the variables' label_values(...). */
    static Set<String> metricNames(JsonNode board) {
        Set<String> names = new TreeSet<>();
        board.get("panels").forEach(panel -> {
            if (panel.has("targets")) {
                panel.get("targets").forEach(target -> names.addAll(namesIn(target.get("expr").asString())));
            }
        });
        Pattern labelValues = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");
        board.get("templating").get("list").forEach(variable -> {
            Matcher matcher = labelValues.matcher(variable.path("definition").asString(""));
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        });
        return names;
    }

    /** A PromQL expression's metric names: what is left once strings, matchers, ranges, groupings, variables and functions are taken out. */
    static Set<String> namesIn(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{[^}]*}|\\$\\w+", "").replaceAll("\\boffset\\s+\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            boolean function = bare.substring(matcher.end()).matches("(?s)\\s*\\(.*");
            boolean partOfNumber = matcher.start() > 0 && Character.isDigit(bare.charAt(matcher.start() - 1));
            if (!function && !partOfNumber && !KEYWORDS.contains(matcher.group())) {
                names.add(matcher.group());
            }
        }
        return names;
    }
}
