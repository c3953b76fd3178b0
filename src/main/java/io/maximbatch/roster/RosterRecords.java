package io.maximbatch.roster;

import io.maximbatch.source.SourceRecord;

/** The import-rosters rules for other packages (reconcile): which rows are valid friendships. */
public final class RosterRecords {

    private RosterRecords() {
    }

    /** Passes the checks made before any look-up (both ends given, not a self-friendship, well-formed). */
    public static boolean isValid(SourceRecord record) {
        return new RosterRowProcessor().process(record).isValid();
    }
}
