package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a users row says of the account beyond its name and password; null (or empty tags) where the column is absent
 * or the cell empty, which leaves that attribute as it is. tags: the `tags` cell split at '|'; disabled: as written.
 */
record AccountFields(String nickname, String description, String publicInfo, String privateInfo, String avatar, List<String> tags,
                     String alias, String disabled) {

    /** The account columns, named once: the job file's check, the readers and the fields use these. */
    static final String NICKNAME = "nickname";
    static final String DESCRIPTION = "description";
    static final String PUBLIC_INFO = "public_info";
    static final String PRIVATE_INFO = "private_info";
    static final String AVATAR = "avatar";
    static final String TAGS = "tags";
    static final String PUSH_ALIAS = "push_alias";
    static final String DISABLED = "disabled";
    static final List<String> COLUMNS = List.of(NICKNAME, DESCRIPTION, PUBLIC_INFO, PRIVATE_INFO, AVATAR, TAGS, PUSH_ALIAS, DISABLED);

    static AccountFields of(SourceRecord record) {
        String tags = record.get(TAGS);
        List<String> split = new ArrayList<>();
        if (tags != null) {
            Stream.of(tags.split("\\|")).map(String::strip).filter(t -> !t.isEmpty()).forEach(split::add);
        }
        return new AccountFields(record.get(NICKNAME), record.get(DESCRIPTION), record.get(PUBLIC_INFO),
                record.get(PRIVATE_INFO), record.get(AVATAR), List.copyOf(split), record.get(PUSH_ALIAS), record.get(DISABLED));
    }

    static AccountFields none() {
        return new AccountFields(null, null, null, null, null, List.of(), null, null);
    }

    /** Every text the row gives, to check that each is valid text. */
    Stream<String> texts() {
        return Stream.concat(Stream.of(nickname, description, publicInfo, privateInfo, avatar, alias, disabled), tags.stream());
    }
}
