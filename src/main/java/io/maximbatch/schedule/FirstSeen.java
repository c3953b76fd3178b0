package io.maximbatch.schedule;

import java.time.Instant;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** When a `serve` first saw each scheduled job, kept in the job database so that every serve on it agrees. */
@Repository
class FirstSeen {

    private final NamedParameterJdbcTemplate jdbc;

    FirstSeen(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The moment the job was first seen; now, recorded, if it never was. */
    Instant of(String job, Instant now) {
        Map<String, Object> row = Map.of("job", job, "now", now.toEpochMilli());
        try {
            jdbc.update("INSERT INTO schedule_first_seen (job_name, first_seen) VALUES (:job, :now)", row);
        } catch (DuplicateKeyException seen) {
            // Seen before, by this serve or another one on the same job database: the first moment stands.
        }
        Long first = jdbc.queryForObject("SELECT first_seen FROM schedule_first_seen WHERE job_name = :job", row, Long.class);
        return Instant.ofEpochMilli(first);
    }
}
