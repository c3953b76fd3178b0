package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import java.util.List;

/** The register-users rules for other packages (reconcile): which columns a users source has, which rows are valid. */
public final class UserRecords {

    public static final List<String> REQUIRED_COLUMNS = RegisterUsersStepFactory.REQUIRED_COLUMNS;
    public static final List<String> OPTIONAL_COLUMNS = RegisterUsersStepFactory.OPTIONAL_COLUMNS;

    private UserRecords() {
    }

    /** Passes the checks made before any call (a duplicate is judged by the caller, first one wins). */
    public static boolean isValid(SourceRecord record) {
        return new UserRowProcessor().process(record).isValid();
    }

    public static String legacyId(SourceRecord record) {
        return record.get("legacy_id");
    }

    public static String username(SourceRecord record) {
        return record.get("username");
    }
}
