package io.maximbatch.groups;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import io.maximbatch.step.SourceVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One legacy group to create, as read; avatar: its picture's URL, announcement: the text the owner announces (a
 * room's subject), settings: its setting columns as written (all optional columns).
 */
record GroupRow(String line, String legacyGroupId, String name, String description, String ownerLegacyId, String avatar,
                Map<String, String> settings, String announcement, String problem, SourceVerdict verdict, LinkedHashMap<String, String> asRead) implements Candidate {

    /** The groups source's columns, named once: the job file's check, the readers and the rows use these. */
    static final String GROUP = "legacy_group_id";
    static final String NAME = "name";
    static final String OWNER = "owner_legacy_id";
    static final String DESCRIPTION = "description";
    static final String AVATAR = "avatar";
    static final List<String> COLUMNS = List.of(GROUP, NAME, OWNER);
    static final List<String> OPTIONAL_COLUMNS = List.of(DESCRIPTION, AVATAR);
    /** The text the owner announces (optional column): applied after the groups, with the settings. */
    static final String ANNOUNCEMENT = "announcement";
    /** The group settings a row may give (optional boolean columns), by MaxIM's endpoint names. */
    static final String HISTORY_VISIBLE = "history_visible";
    static final String ALLOW_MEMBER_INVITATION = "allow_member_invitation";
    static final String REQUIRE_ADMIN_APPROVAL = "require_admin_approval";
    static final String ALLOW_MEMBER_MODIFY = "allow_member_modify";
    static final List<String> SETTINGS = List.of(HISTORY_VISIBLE, ALLOW_MEMBER_INVITATION, REQUIRE_ADMIN_APPROVAL, ALLOW_MEMBER_MODIFY);
    /** The columns the settings step applies: the settings and the announcement. */
    static final List<String> APPLIED_AFTER = List.of(HISTORY_VISIBLE, ALLOW_MEMBER_INVITATION, REQUIRE_ADMIN_APPROVAL,
            ALLOW_MEMBER_MODIFY, ANNOUNCEMENT);

    /** The row, or null when the source says it is not a group to make (`skip`): every reader of the step filters it out. */
    static GroupRow candidate(SourceRecord record) {
        return SourceVerdict.of(record).skip() && record.problem() == null ? null : of(record);
    }

    static GroupRow of(SourceRecord record) {
        Map<String, String> settings = new LinkedHashMap<>();
        SETTINGS.forEach(name -> {
            if (record.get(name) != null) {
                settings.put(name, record.get(name));
            }
        });
        return new GroupRow(record.line(), record.get(GROUP), record.get(NAME), record.get(DESCRIPTION),
                record.get(OWNER), record.get(AVATAR), Map.copyOf(settings), record.get(ANNOUNCEMENT), record.problem(), SourceVerdict.of(record), record.asRead(GROUP));
    }

    /** A setting's value as written: true/1/yes or false/0/no (any case); empty when it says neither. */
    static Optional<Boolean> flag(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Optional.of(true);
            case "false", "0", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
