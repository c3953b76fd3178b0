package io.maximbatch.report;

import io.maximbatch.outcome.Reject;
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
import java.util.function.Consumer;

/** Writes rejects/<job>-<execution>-<step>.csv: line, reason code, reason, then the record's own fields. */
public final class RejectReport {

    private RejectReport() {
    }

    public static Path fileFor(Path rejectsDir, String jobName, long jobExecutionId, String stepName) {
        return rejectsDir.resolve(jobName + "-" + jobExecutionId + "-" + stepName + ".csv");
    }

    /** Rejects in the order to write them, read as often as asked (twice: the columns first, then the rows). */
    @FunctionalInterface
    public interface Rejects {
        void each(Consumer<Reject> each);

        /** All of them in a list: only where they are known to be few. */
        default List<Reject> list() {
            List<Reject> all = new ArrayList<>();
            each(all::add);
            return all;
        }
    }

    public static void write(Path file, List<Reject> rejects) {
        write(file, inOrder(rejects));
    }

    /** Writes the report file; one that cannot be written is a {@link NotWritten} naming the file and the system's reason. */
    public static void write(Path file, Rejects rejects) {
        try {
            try (Writer out = PrivateFiles.writer(file)) {
                write(out, rejects);
            }
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof IOException direct ? direct : ((UncheckedIOException) e).getCause();
            throw new NotWritten("cannot write the reject report " + file.toAbsolutePath().normalize() + ": " + PrivateFiles.reason(io), io);
        }
    }

    /** A report not written; the system's exception is kept suppressed, not as the cause, so that this message is the one reported. */
    public static final class NotWritten extends RuntimeException {
        NotWritten(String message, IOException reason) {
            super(message);
            addSuppressed(reason);
        }
    }

    /** The same report to any writer (the admin API's download); the writer is flushed, not closed. */
    public static void write(Writer out, List<Reject> rejects) {
        write(out, inOrder(rejects));
    }

    /** Reads the rejects twice: their fields' names make the header, then each is a row. */
    public static void write(Writer out, Rejects rejects) {
        Set<String> columns = new LinkedHashSet<>();
        rejects.each(r -> columns.addAll(r.fields().keySet()));
        List<String> header = new ArrayList<>(List.of("line", "reason_code", "reason"));
        header.addAll(columns);
        ICSVWriter csv = new CSVWriter(out);
        csv.writeNext(header.stream().map(RejectReport::neutralise).toArray(String[]::new), false);
        rejects.each(reject -> {
            List<String> row = new ArrayList<>(List.of(reject.line(), reject.reasonCode(), reject.reason()));
            columns.forEach(c -> row.add(reject.fields().getOrDefault(c, "")));
            csv.writeNext(row.stream().map(RejectReport::neutralise).toArray(String[]::new), true);
        });
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In source order: numeric lines ascending, other positions (JDBC keys) after them in the order given. */
    private static Rejects inOrder(List<Reject> rejects) {
        List<Reject> sorted = new ArrayList<>(rejects);
        sorted.sort(Comparator.comparingLong(r -> lineOrder(r.line())));
        return sorted::forEach;
    }

    /** Where a reject sorts: its line number, or after every line (a JDBC key, a position of another kind). */
    static long lineOrder(String line) {
        if (line == null || line.isEmpty() || line.length() > 18 || !line.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.MAX_VALUE;
        }
        return Long.parseLong(line);
    }

    /**
     * A cell starting with = + - @ would run as a formula in a spreadsheet; a leading quote makes it plain text.
     * Control characters (but tab and line breaks) and bidi controls (which reorder what a viewer shows) are written as
     * backslash-u escapes, visible instead of garbling or disguising a cell.
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
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || bidi(c);
            if (control && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                out.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? value : out.toString();
    }

    /** The bidi controls: embeddings and overrides, isolates, and the directional marks. */
    private static boolean bidi(char c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
