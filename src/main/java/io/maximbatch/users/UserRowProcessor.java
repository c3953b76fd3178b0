package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import java.util.LinkedHashMap;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Turns a source record into a user row and validates it; never filters, so every record reaches the writer. */
final class UserRowProcessor implements ItemProcessor<SourceRecord, UserCandidate> {

    static final String REDACTED = "***";

    @Override
    public UserCandidate process(SourceRecord record) {
        UserRow row = new UserRow(record.line(), record.get("legacy_id"), record.get("username"),
                record.get("password"), record.get("nickname"), redacted(record));
        return UserRowValidator.check(row, record.problem())
                .map(v -> UserCandidate.rejected(row, v.code(), v.reason()))
                .orElseGet(() -> UserCandidate.valid(row));
    }

    /** The record as read with its password column blanked out: it goes to reports and the job database. */
    private static LinkedHashMap<String, String> redacted(SourceRecord record) {
        LinkedHashMap<String, String> fields = record.asRead();
        String passwordHeader = record.header("password");
        boolean after = false;
        for (var field : fields.entrySet()) {
            after |= field.getKey().equals(passwordHeader);
            // In a malformed row the password may have spilled into the columns after it: blank those too.
            boolean secret = field.getKey().equals(passwordHeader) || (after && record.problem() != null);
            if (secret && field.getValue() != null && !field.getValue().isEmpty()) {
                field.setValue(REDACTED);
            }
        }
        return fields;
    }
}
