package io.maximbatch.roster;

import io.maximbatch.source.SourceRecord;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Checks a friendship row before any look-up; never filters, so every record reaches the writer. */
final class RosterRowProcessor implements ItemProcessor<SourceRecord, RosterRow> {

    @Override
    public RosterRow process(SourceRecord record) {
        String user = record.get("user_legacy_id");
        String friend = record.get("friend_legacy_id");
        String line = record.line();
        if (record.problem() != null) {
            return new RosterRow(line, user, friend, "MALFORMED_RECORD", record.problem(), record.asRead());
        }
        if (user == null) {
            return new RosterRow(line, user, friend, "MISSING_USER", "user_legacy_id is empty", record.asRead());
        }
        if (friend == null) {
            return new RosterRow(line, user, friend, "MISSING_FRIEND", "friend_legacy_id is empty", record.asRead());
        }
        if (user.equals(friend)) {
            return new RosterRow(line, user, friend, "SELF_EDGE", "a user cannot be their own friend (" + user + ")", record.asRead());
        }
        return new RosterRow(line, user, friend, null, null, record.asRead());
    }
}
