package io.maximbatch.groups;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One member of a legacy group, as read; role: `member`, `admin`, `blocked` (or `outcast`: never a member, blocked in the
 * group) or null (a member) as the optional column says; displayName: the member's name in that group (optional).
 */
record MembershipRow(String line, String legacyGroupId, String memberLegacyId, String role, String displayName, String problem,
                     LinkedHashMap<String, String> asRead) implements Candidate {

    /** The members source's columns, named once: the job file's check, the readers and the rows use these. */
    static final String GROUP = GroupRow.GROUP;
    static final String MEMBER = "member_legacy_id";
    static final String ROLE = "role";
    static final String DISPLAY_NAME = "display_name";
    static final List<String> COLUMNS = List.of(GROUP, MEMBER);

    static MembershipRow of(SourceRecord record) {
        return new MembershipRow(record.line(), record.get(GROUP), record.get(MEMBER), record.get(ROLE),
                record.get(DISPLAY_NAME), record.problem(), record.asRead(GROUP, MEMBER));
    }

    boolean admin() {
        return "admin".equalsIgnoreCase(role);
    }

    /** A user to block in the group (an XMPP room's outcast): never invited. */
    boolean blocked() {
        return "blocked".equalsIgnoreCase(role) || "outcast".equalsIgnoreCase(role);
    }
}
