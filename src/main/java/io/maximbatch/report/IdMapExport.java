package io.maximbatch.report;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import io.maximbatch.ledger.UserMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The ID map of a job as the app needs it after a migration (export-map, GET /api/jobs/{name}/map): one CSV row per
 * DONE user, `legacy_id, legacy_username, username, user_id`, UTF-8 with a header, every cell formula-safe, streamed.
 */
public final class IdMapExport {

    private IdMapExport() {
    }

    /** Writes the job's map to out (not closed); returns how many users it lists. */
    public static long write(UserMap map, String jobName, Writer out) {
        ICSVWriter csv = new CSVWriter(out);
        csv.writeNext(new String[] {"legacy_id", "legacy_username", "username", "user_id"}, false);
        long[] rows = {0};
        map.eachDone(jobName, user -> {
            csv.writeNext(new String[] {RejectReport.neutralise(user.legacyId()), RejectReport.neutralise(user.legacyUsername()),
                    RejectReport.neutralise(user.username()), Long.toString(user.userId())}, false);
            rows[0]++;
        });
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows[0];
    }
}
