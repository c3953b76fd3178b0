package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a users row says of the account beyond its name and password; null (or empty tags) where the column is absent
 * or the cell empty, which leaves that attribute as it is. tags: the `tags` cell split at '|'; disabled: as written.
 * avatarBase64 or avatarFile (a path, relative to the working directory): a picture to upload, which wins over avatar.
 */
record AccountFields(String nickname, String description, String publicInfo, String privateInfo, String avatar, List<String> tags,
                     String alias, String disabled, String avatarBase64, String avatarType, String avatarFile) {

    /** The account columns, named once: the job file's check, the readers and the fields use these. */
    static final String NICKNAME = "nickname";
    static final String DESCRIPTION = "description";
    static final String PUBLIC_INFO = "public_info";
    static final String PRIVATE_INFO = "private_info";
    static final String AVATAR = "avatar";
    static final String TAGS = "tags";
    static final String PUSH_ALIAS = "push_alias";
    static final String DISABLED = "disabled";
    static final String AVATAR_BASE64 = "avatar_base64";
    static final String AVATAR_TYPE = "avatar_type";
    static final String AVATAR_FILE = "avatar_file";
    static final List<String> COLUMNS = List.of(NICKNAME, DESCRIPTION, PUBLIC_INFO, PRIVATE_INFO, AVATAR, TAGS, PUSH_ALIAS, DISABLED,
            AVATAR_BASE64, AVATAR_TYPE, AVATAR_FILE);

    static AccountFields of(SourceRecord record) {
        String tags = record.get(TAGS);
        List<String> split = new ArrayList<>();
        if (tags != null) {
            Stream.of(tags.split("\\|")).map(String::strip).filter(t -> !t.isEmpty()).forEach(split::add);
        }
        return new AccountFields(record.get(NICKNAME), record.get(DESCRIPTION), record.get(PUBLIC_INFO),
                record.get(PRIVATE_INFO), record.get(AVATAR), List.copyOf(split), record.get(PUSH_ALIAS), record.get(DISABLED),
                record.get(AVATAR_BASE64), record.get(AVATAR_TYPE), record.get(AVATAR_FILE));
    }

    static AccountFields none() {
        return new AccountFields(null, null, null, null, null, List.of(), null, null, null, null, null);
    }

    /** Every text the row gives, to check that each is valid text. */
    Stream<String> texts() {
        return Stream.concat(Stream.of(nickname, description, publicInfo, privateInfo, avatar, alias, disabled, avatarType, avatarFile),
                tags.stream());
    }

    /** Whether the row gives a picture to upload (then its avatar URL, if any, is not used). */
    boolean uploadsAvatar() {
        return avatarBase64 != null || avatarFile != null;
    }

    /** The picture to upload, or why it cannot be an avatar; only when uploadsAvatar. */
    AvatarImage.Loaded avatarImage() {
        return AvatarImage.load(avatarBase64, avatarFile, avatarType);
    }
}
