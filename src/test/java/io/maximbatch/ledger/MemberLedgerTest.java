package io.maximbatch.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobDatabases;
import io.maximbatch.ledger.MemberLedger.Membership;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The memberships a job made, on H2 and PostgreSQL: a chunk's are written together, one recorded already stays as it is. */
class MemberLedgerTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aChunksMembershipsAreRecordedAndOnesRecordedAlreadyStayAsTheyAre(String vendor) {
        MemberLedger ledger = ledger(vendor);
        ledger.made(List.of(new Membership(1, 10, 100), new Membership(1, 11, 100), new Membership(2, 10, 200)), "first-job");
        assertThat(ledger.madeBy("first-job")).containsExactly(new Membership(1, 10, 100), new Membership(1, 11, 100),
                new Membership(2, 10, 200));

        // A restarted chunk: two of its memberships were recorded by the first attempt (of another job here).
        ledger.made(List.of(new Membership(1, 11, 100), new Membership(2, 11, 200), new Membership(2, 10, 200)), "second-job");
        assertThat(ledger.madeBy("second-job")).containsExactly(new Membership(2, 11, 200));
        assertThat(ledger.madeBy("first-job")).as("recorded already: left as it is").hasSize(3);
        assertThat(ledger.recorded(List.of(1L, 2L), List.of(10L, 11L))).containsExactlyInAnyOrder("1/10", "1/11", "2/10", "2/11");

        ledger.made(List.of(), "second-job");
        assertThat(ledger.madeBy("second-job")).hasSize(1);
    }

    private static MemberLedger ledger(String vendor) {
        DataSource db = JobDatabases.migrated(vendor, "members");
        return new MemberLedger(new NamedParameterJdbcTemplate(db), new DataSourceTransactionManager(db));
    }
}
