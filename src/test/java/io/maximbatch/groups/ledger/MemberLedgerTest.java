package io.maximbatch.groups.ledger;

import io.maximbatch.ledger.LedgerTables;
import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobDatabases;
import io.maximbatch.groups.ledger.MemberLedger.Membership;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void twoRunsRecordingTheSameMembershipsInOppositeOrdersBothEndWithoutADeadlock() throws Exception {
        MemberLedger ledger = ledger("postgresql");
        List<Membership> ascending = IntStream.range(0, 3000).mapToObj(i -> new Membership(7, i, 70)).toList();
        List<Membership> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService runs = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = runs.submit(() -> { together.await(); ledger.made(ascending, "first-run"); return null; });
            Future<?> second = runs.submit(() -> { together.await(); ledger.made(descending, "second-run"); return null; });
            // PostgreSQL reports a deadlock within a second; the bound is only against a hang, 20 s here on a quiet machine.
            first.get(5, TimeUnit.MINUTES);
            second.get(5, TimeUnit.MINUTES);
        } finally {
            runs.shutdownNow();
        }
        assertThat(ledger.madeBy("first-run").size() + ledger.madeBy("second-run").size()).isEqualTo(3000);
    }

    private static MemberLedger ledger(String vendor) {
        DataSource db = JobDatabases.migrated(vendor, "members");
        return new MemberLedger(LedgerTables.of(db));
    }
}
