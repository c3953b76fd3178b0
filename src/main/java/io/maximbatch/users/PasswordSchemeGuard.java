package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import java.util.Locale;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The registration step's reader, keeping the password scheme in the step's execution context ("none" without derived
 * passwords): a resumed run whose job file now names another scheme stops before it reads anything, since its first
 * users already have passwords of the scheme it began with (a login service knows one scheme per user).
 */
final class PasswordSchemeGuard implements ItemStreamReader<SourceRecord> {

    static final String SCHEME = "users.password-scheme";
    private static final String NONE = "none";
    /** How Spring Batch's readers (CsvSource's, JdbcSource's) name the position they save at each chunk. */
    private static final String POSITION_SUFFIX = ".read.count";

    private final ItemStreamReader<SourceRecord> rows;
    private final String scheme;

    /** scheme: null when the step derives no password. */
    PasswordSchemeGuard(ItemStreamReader<SourceRecord> rows, PasswordScheme scheme) {
        this.rows = rows;
        this.scheme = scheme == null ? NONE : scheme.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void open(ExecutionContext context) {
        String began = context.containsKey(SCHEME) ? context.getString(SCHEME) : null;
        if (began == null && !scheme.equals(NONE) && !scheme.equals("v0") && savedPosition(context)) {
            // Resumed after chunks of a version without schemes: that version derived v0 passwords.
            throw new ItemStreamException("this run began on a version of maxim-batch without password schemes, whose derived"
                    + " passwords are v0, and the job file now says " + scheme + ": add password-scheme: v0 to its password"
                    + " settings to resume it (its first users already have v0 passwords)");
        }
        if (began != null && !began.equals(NONE) && !scheme.equals(NONE) && !began.equals(scheme)) {
            throw new ItemStreamException("this run began deriving passwords with password-scheme " + began + " and the job file"
                    + " now says " + scheme + ": put password-scheme: " + began + " back to resume it (its first users already"
                    + " have " + began + " passwords, and a login service knows one scheme per user)");
        }
        context.putString(SCHEME, scheme);
        rows.open(context);
    }

    private static boolean savedPosition(ExecutionContext context) {
        return context.entrySet().stream().anyMatch(entry -> entry.getKey().endsWith(POSITION_SUFFIX));
    }

    @Override
    public SourceRecord read() throws Exception {
        return rows.read();
    }

    @Override
    public void update(ExecutionContext context) {
        rows.update(context);
        context.putString(SCHEME, scheme);
    }

    @Override
    public void close() {
        rows.close();
    }
}
