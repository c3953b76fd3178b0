package io.maximbatch.groups;

import io.maximbatch.jobfile.Readable;
import io.maximbatch.jobfile.SourceKeys;
import io.maximbatch.step.SourceVerdict;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.Range;

/** The create-groups keys of a job file: groups, their members, members per invite call, and MaxIM's group type. */
record CreateGroupsSettings(
        @NotNull(message = SourceKeys.MISSING) @Valid
        @Readable(required = {GroupRow.GROUP, GroupRow.NAME, GroupRow.OWNER}, optional = {GroupRow.DESCRIPTION, GroupRow.AVATAR,
                GroupRow.HISTORY_VISIBLE, GroupRow.ALLOW_MEMBER_INVITATION, GroupRow.REQUIRE_ADMIN_APPROVAL, GroupRow.ALLOW_MEMBER_MODIFY,
                GroupRow.ANNOUNCEMENT, SourceVerdict.REJECT_CODE,
                SourceVerdict.REJECT_REASON, SourceVerdict.SKIP}) SourceKeys source,
        @NotNull(message = SourceKeys.MISSING) @Valid @Readable(required = {MembershipRow.GROUP, MembershipRow.MEMBER}, optional = {MembershipRow.ROLE,
                MembershipRow.DISPLAY_NAME})
        SourceKeys members,
        @Range(min = 1, max = CreateGroupsStep.MAX_BATCH, message = "expected a whole number from {min} to {max}") Integer batchSize,
        GroupType groupType,
        Boolean prune,
        RoomOpts roomOpts) {

    /**
     * Where a group's name, owner and members come from: the sources' columns, an ejabberd room's options (opts), or
     * (ejabberd-sr-group) the columns with the name from an ejabberd shared roster group's options.
     */
    enum RoomOpts {
        COLUMNS, EJABBERD,
        @com.fasterxml.jackson.annotation.JsonProperty("ejabberd-sr-group") EJABBERD_SR_GROUP
    }

    /** MaxIM's kinds of group: a private group (type 0) or a chatroom (type 2). */
    enum GroupType {
        PRIVATE(0), CHATROOM(2);

        final int code;

        GroupType(int code) {
            this.code = code;
        }
    }

    CreateGroupsSettings {
        prune = prune != null && prune;
        batchSize = batchSize == null ? CreateGroupsStep.DEFAULT_BATCH : batchSize;
        groupType = groupType == null ? GroupType.PRIVATE : groupType;
        roomOpts = roomOpts == null ? RoomOpts.COLUMNS : roomOpts;
    }
}
