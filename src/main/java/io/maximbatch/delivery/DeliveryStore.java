package io.maximbatch.delivery;

import io.maximbatch.ledger.Ledger;
import io.maximbatch.ledger.LedgerTables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

/** The latest delivery report of each campaign execution (campaign_delivery), what the API, dashboard and gauges read. */
@Repository
class DeliveryStore extends Ledger {

    DeliveryStore(LedgerTables tables) {
        super(tables);
    }

    /** Keeps the report as the execution's latest, in a transaction of its own. */
    void save(DeliveryReport report) {
        MapSqlParameterSource row = new MapSqlParameterSource().addValue("execution", report.execution()).addValue("job", report.job())
                .addValue("at", report.fetchedAt().toEpochMilli()).addValue("report", report.json());
        try {
            tables.ownTransaction().executeWithoutResult(status -> {
                if (update(row) == 0) {
                    tables.jdbc().update("INSERT INTO campaign_delivery (job_execution_id, job_name, fetched_at, report)"
                            + " VALUES (:execution, :job, :at, :report)", row);
                }
            });
        } catch (DuplicateKeyException stored) {
            // campaign-report and serve's refresh stored the same execution at the same moment: this report is as new.
            tables.ownTransaction().executeWithoutResult(status -> update(row));
        }
    }

    private int update(MapSqlParameterSource row) {
        return tables.jdbc().update("UPDATE campaign_delivery SET job_name = :job, fetched_at = :at, report = :report"
                + " WHERE job_execution_id = :execution", row);
    }

    Optional<DeliveryReport> find(long executionId) {
        return tables.jdbc().queryForList("SELECT report FROM campaign_delivery WHERE job_execution_id = :execution",
                Map.of("execution", executionId), String.class).stream().findFirst().map(DeliveryReport::fromJson);
    }

    /** The reports of the newest executions, newest first. */
    List<DeliveryReport> newest(int limit) {
        return tables.jdbc().queryForList("SELECT report FROM campaign_delivery ORDER BY job_execution_id DESC FETCH FIRST :limit ROWS ONLY",
                Map.of("limit", limit), String.class).stream().map(DeliveryReport::fromJson).toList();
    }

    /** Each job's report of its newest execution that has one: what the gauges show. */
    List<DeliveryReport> latestPerJob() {
        return tables.jdbc().queryForList("SELECT report FROM campaign_delivery d WHERE job_execution_id ="
                        + " (SELECT MAX(job_execution_id) FROM campaign_delivery l WHERE l.job_name = d.job_name) ORDER BY job_name",
                Map.of(), String.class).stream().map(DeliveryReport::fromJson).toList();
    }
}
