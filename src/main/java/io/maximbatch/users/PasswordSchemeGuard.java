package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import java.util.Locale;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The registration step's reader, keeping the password scheme in the step's execution context: a resumed run whose job
 * file now names another scheme stops before it reads anything, since its first users already have passwords of the
 * scheme it began with (a login service knows one scheme per user).
 */
final class PasswordSchemeGuard implements ItemStreamReader<SourceRecord> {

    static final String SCHEME = "users.password-scheme";

    private final ItemStreamReader<SourceRecord> rows;
    private final String scheme;

    PasswordSchemeGuard(ItemStreamReader<SourceRecord> rows, PasswordScheme scheme) {
        this.rows = rows;
        this.scheme = scheme.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void open(ExecutionContext context) {
        String began = context.containsKey(SCHEME) ? context.getString(SCHEME) : null;
        if (began != null && !began.equals(scheme)) {
            throw new ItemStreamException("this run began deriving passwords with password-scheme " + began + " and the job file"
                    + " now says " + scheme + ": put password-scheme: " + began + " back to resume it (its first users already"
                    + " have " + began + " passwords, and a login service knows one scheme per user)");
        }
        context.putString(SCHEME, scheme);
        rows.open(context);
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
