package io.maximbatch.groups;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import java.util.LinkedHashMap;

/** One member of a legacy group, as read; role: `member`, `admin`, or null (a member) as the optional column says. */
record MembershipRow(String line, String legacyGroupId, String memberLegacyId, String role, String problem,
                     LinkedHashMap<String, String> asRead) implements Candidate {

    static MembershipRow of(SourceRecord record) {
        return new MembershipRow(record.line(), record.get("legacy_group_id"), record.get("member_legacy_id"), record.get("role"),
                record.problem(), record.asRead("legacy_group_id", "member_legacy_id"));
    }

    boolean admin() {
        return "admin".equalsIgnoreCase(role);
    }
}
