package io.maximbatch.groups;

import io.maximbatch.source.SourceRecord;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Turns a source record into a membership row and validates it; never filters. */
final class MembershipRowProcessor implements ItemProcessor<SourceRecord, Checked<MembershipRow>> {

    @Override
    public Checked<MembershipRow> process(SourceRecord record) {
        MembershipRow row = new MembershipRow(record.line(), record.get("legacy_group_id"), record.get("member_legacy_id"),
                record.asRead());
        return GroupRowValidator.check(row, record.problem())
                .map(v -> Checked.rejected(row, v))
                .orElseGet(() -> Checked.valid(row));
    }
}
