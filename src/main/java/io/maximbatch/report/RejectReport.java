package io.maximbatch.report;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writes rejects/<job>-<execution>-<step>.csv: line, reason code, reason, then the record's own fields. */
public final class RejectReport {

    private RejectReport() {
    }

    public static Path fileFor(Path rejectsDir, String jobName, long jobExecutionId, String stepName) {
        return rejectsDir.resolve(jobName + "-" + jobExecutionId + "-" + stepName + ".csv");
    }

    public static void write(Path file, List<Reject> rejects) {
        try {
            try (Writer out = PrivateFiles.writer(file)) {
                write(out, rejects);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot write reject report " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    /** The same report to any writer (the admin API's download); the writer is flushed, not closed. */
    public static void write(Writer out, List<Reject> rejects) {
        Set<String> columns = new LinkedHashSet<>();
        rejects.forEach(r -> columns.addAll(r.fields().keySet()));
        List<String> header = new ArrayList<>(List.of("line", "reason_code", "reason"));
        header.addAll(columns);
        ICSVWriter csv = new CSVWriter(out);
        csv.writeNext(header.stream().map(RejectReport::neutralise).toArray(String[]::new), false);
        for (Reject reject : sortedByLine(rejects)) {
            List<String> row = new ArrayList<>(List.of(reject.line(), reject.reasonCode(), reject.reason()));
            columns.forEach(c -> row.add(reject.fields().getOrDefault(c, "")));
            csv.writeNext(row.stream().map(RejectReport::neutralise).toArray(String[]::new), true);
        }
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In source order: numeric lines ascending, other positions (JDBC keys) after them in the order recorded. */
    private static List<Reject> sortedByLine(List<Reject> rejects) {
        List<Reject> sorted = new ArrayList<>(rejects);
        sorted.sort(Comparator.comparingLong(RejectReport::lineOrMax));
        return sorted;
    }

    private static long lineOrMax(Reject reject) {
        try {
            return Long.parseLong(reject.line());
        } catch (NumberFormatException notALine) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * A cell starting with = + - @ would run as a formula in a spreadsheet; a leading quote makes it plain text.
     * Control characters (but tab and line breaks) are written as backslash-u escapes, visible instead of garbling a viewer.
     */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String visible = visible(value);
        char first = visible.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + visible : visible;
    }

    private static String visible(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
            if (control && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                out.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? value : out.toString();
    }
}
