package io.maximbatch.report;

import io.maximbatch.outcome.Reject;
import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobDatabases;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** A step's reject report comes straight from the job database in source order, whatever order the rejects were recorded in. */
class RejectStoreOrderTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void rejectsRecordedOutOfOrderAreReportedInSourceOrderJdbcKeysLast(String vendor) {
        DataSource db = JobDatabases.migrated(vendor, "rejects");
        RejectStore store = new RejectStore(new NamedParameterJdbcTemplate(db));
        // As partitions and restarts record them: not in source order.
        store.add(1, 1, "users", List.of(reject("300"), reject("legacy_id=zed"), reject("10")));
        store.add(1, 2, "users", List.of(reject("2"), reject("legacy_id=amy"), reject("1")));
        store.add(1, 2, "friends", List.of(reject("5")));

        StringWriter report = new StringWriter();
        RejectReport.write(report, store.forStep(1, "users"));

        assertThat(report.toString().lines().map(l -> l.split(",")[0]).toList())
                .containsExactly("line", "\"1\"", "\"2\"", "\"10\"", "\"300\"", "\"legacy_id=zed\"", "\"legacy_id=amy\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aReportOfSeveralPagesHasEveryRejectOnceInSourceOrder(String vendor) {
        DataSource db = JobDatabases.migrated(vendor, "pages");
        RejectStore store = new RejectStore(new NamedParameterJdbcTemplate(db));
        List<Reject> recorded = new java.util.ArrayList<>();
        for (int i = 2 * RejectStore.PAGE + 100; i >= 1; i--) {
            recorded.add(reject(Integer.toString(i)));
            if (i % 7 == 0) {
                recorded.add(reject("key=" + i));
            }
        }
        store.add(1, 1, "users", recorded);

        List<String> lines = store.forStep(1, "users").list().stream().map(Reject::line).toList();

        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 2 * RejectStore.PAGE + 100; i++) {
            expected.add(Integer.toString(i));
        }
        recorded.stream().map(Reject::line).filter(l -> l.startsWith("key=")).forEach(expected::add);
        assertThat(lines).containsExactlyElementsOf(expected);
    }

    private static Reject reject(String line) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("legacy_id", "L" + line);
        return new Reject(line, "INVALID_USERNAME", "username is not allowed", fields);
    }
}
