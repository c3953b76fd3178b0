package io.maximbatch.groups;

import io.maximbatch.source.SourceRecord;
import java.util.List;

/** The create-groups rules for other packages (reconcile): the sources' columns and which rows are valid. */
public final class GroupRecords {

    public static final List<String> GROUP_COLUMNS = CreateGroupsStepFactory.GROUP_COLUMNS;
    public static final List<String> OPTIONAL_GROUP_COLUMNS = CreateGroupsStepFactory.OPTIONAL_GROUP_COLUMNS;
    public static final List<String> MEMBER_COLUMNS = CreateGroupsStepFactory.MEMBER_COLUMNS;

    private GroupRecords() {
    }

    /** A group row that passes the checks made before any look-up. */
    public static boolean isValidGroup(SourceRecord record) {
        return new GroupRowProcessor().process(record).isValid();
    }

    /** A membership row that passes the checks made before any look-up. */
    public static boolean isValidMembership(SourceRecord record) {
        return new MembershipRowProcessor().process(record).isValid();
    }
}
