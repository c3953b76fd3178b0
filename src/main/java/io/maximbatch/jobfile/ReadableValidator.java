package io.maximbatch.jobfile;

import io.maximbatch.source.CsvSource;
import io.maximbatch.source.SourceException;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Checks a source once, when the job file is read: the CSV file is opened and its header read (probed), not its rows. */
public final class ReadableValidator implements ConstraintValidator<Readable, SourceKeys> {

    private List<String> required;
    private List<String> known;

    @Override
    public void initialize(Readable readable) {
        required = List.of(readable.required());
        known = new ArrayList<>(required);
        known.addAll(List.of(readable.optional()));
    }

    @Override
    public boolean isValid(SourceKeys source, ConstraintValidatorContext context) {
        if (source == null) {
            return true;
        }
        return Violations.report(context, problems(source, required, known));
    }

    /**
     * What keeps a source from being read, as {key under the source (null: the source itself), problem}: not exactly
     * one kind, columns the step does not have, a CSV file missing, unreadable, or without a required column.
     */
    public static List<String[]> problems(SourceKeys source, List<String> required, List<String> known) {
        List<String[]> problems = new ArrayList<>();
        if (source.kinds() != 1) {
            problems.add(new String[] {null, "expected exactly one of csv: or jdbc:"});
        }
        source.columns().keySet().stream().filter(name -> !known.contains(name)).forEach(name ->
                problems.add(new String[] {"columns." + name, "unknown column name (expected one of " + String.join(", ", known) + ")"}));
        JdbcKeys jdbc = source.jdbc() != null ? source.jdbc() : source.sql();
        if (jdbc != null) {
            String kind = source.jdbc() != null ? "jdbc." : "sql.";
            if ((jdbc.url() == null) == (jdbc.urlEnv() == null)) {
                problems.add(new String[] {kind + "url", "expected exactly one of url: or url-env: (the environment variable that holds it)"});
            }
            if (jdbc.username() != null && jdbc.usernameEnv() != null) {
                problems.add(new String[] {kind + "username", "expected at most one of username: or username-env:"});
            }
            // The same rule the connection applies (allowed databases, URL settings, allowed variables).
            source.jdbcSpec().problems().forEach(p -> problems.add(new String[] {kind + p[0], p[1]}));
        }
        if (source.kinds() == 1 && source.csv() != null) {
            String problem = probe(source, required);
            if (problem != null) {
                problems.add(new String[] {"csv", problem});
            }
        }
        return problems;
    }

    /** Why the CSV file cannot be used, or null. */
    private static String probe(SourceKeys source, List<String> required) {
        if (source.csv().isBlank()) {
            return "expected a file path";
        }
        Path file = source.workingDir().resolve(source.csv()).normalize();
        Path shown = Path.of(source.csv());
        if (!Files.isRegularFile(file)) {
            return "file not found: " + shown + " (paths are relative to the working directory " + source.workingDir() + ")";
        }
        if (!Files.isReadable(file)) {
            return "file not readable: " + shown;
        }
        CsvSource header = new CsvSource(file, source.columns(), required);
        try {
            header.open(new ExecutionContext());
            return null;
        } catch (SourceException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return shown + ": " + e.getMessage();
        } finally {
            header.close();
        }
    }
}
