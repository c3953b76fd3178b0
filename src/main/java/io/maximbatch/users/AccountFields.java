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

    static final List<String> COLUMNS = List.of("nickname", "description", "public_info", "private_info", "avatar", "tags",
            "push_alias", "disabled");

    static AccountFields of(SourceRecord record) {
        String tags = record.get("tags");
        List<String> split = new ArrayList<>();
        if (tags != null) {
            Stream.of(tags.split("\\|")).map(String::strip).filter(t -> !t.isEmpty()).forEach(split::add);
        }
        return new AccountFields(record.get("nickname"), record.get("description"), record.get("public_info"),
                record.get("private_info"), record.get("avatar"), List.copyOf(split), record.get("push_alias"), record.get("disabled"));
    }

    static AccountFields none() {
        return new AccountFields(null, null, null, null, null, List.of(), null, null);
    }

    /** Every text the row gives, to check that each is valid text. */
    Stream<String> texts() {
        return Stream.concat(Stream.of(nickname, description, publicInfo, privateInfo, avatar, alias, disabled), tags.stream());
    }
}
