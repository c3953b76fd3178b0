package io.maximbatch.report;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import io.maximbatch.ledger.UserMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * The ID map of a job as the app needs it after a migration (export-map, GET /api/jobs/{name}/map): one CSV row per
 * DONE user, `legacy_id, legacy_username, username, user_id`, UTF-8 with a header, streamed. Values are written as
 * they are (the app matches them: `+15551234` stays so), quoted only as CSV needs; spreadsheet-safe, the reject
 * report's neutralised form (a leading quote before a formula, control and bidi characters escaped).
 */
public final class IdMapExport {

    private IdMapExport() {
    }

    /** Writes the job's map to out (not closed), raw values; returns how many users it lists. */
    public static long write(UserMap map, String jobName, Writer out) {
        return write(map, jobName, out, false);
    }

    /** Writes the job's map to out (not closed), for a spreadsheet when spreadsheetSafe; returns how many users it lists. */
    public static long write(UserMap map, String jobName, Writer out, boolean spreadsheetSafe) {
        UnaryOperator<String> cell = spreadsheetSafe ? RejectReport::neutralise : UnaryOperator.identity();
        ICSVWriter csv = new CSVWriter(out);
        csv.writeNext(new String[] {"legacy_id", "legacy_username", "username", "user_id"}, false);
        long[] rows = {0};
        map.eachDone(jobName, user -> {
            csv.writeNext(new String[] {cell.apply(user.legacyId()), cell.apply(user.legacyUsername()), cell.apply(user.username()),
                    Long.toString(user.userId())}, false);
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
