package io.maximbatch.groups;

import io.maximbatch.source.SourceRecord;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Turns a source record into a group row and validates it; never filters, so every record reaches the writer. */
final class GroupRowProcessor implements ItemProcessor<SourceRecord, Checked<GroupRow>> {

    @Override
    public Checked<GroupRow> process(SourceRecord record) {
        GroupRow row = new GroupRow(record.line(), record.get("legacy_group_id"), record.get("name"),
                record.get("description"), record.get("owner_legacy_id"), record.asRead());
        return GroupRowValidator.check(row, record.problem())
                .map(v -> Checked.rejected(row, v))
                .orElseGet(() -> Checked.valid(row));
    }
}
