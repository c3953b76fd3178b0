package io.maximbatch.users;

import io.maximbatch.ledger.AppliedState;
import java.util.ArrayList;
import java.util.List;

/**
 * One attribute of one registered account to send: its canonical value and hash; first when nothing was ever applied
 * (then it counts written, else updated); maybeApplied when an earlier attempt sent this very value and never heard;
 * previous: the value last applied, where the ledger keeps it (tags), else null. picture: an avatar to upload (or why it
 * cannot be), else null; sentUrl: the URL an earlier attempt uploaded it to, where the ledger kept it.
 */
record AttributeChange(String legacyId, long userId, AccountAttribute attribute, String value, String hash, boolean first,
                       boolean maybeApplied, String previous, AvatarImage.Loaded picture, String sentUrl) {

    AttributeChange(String legacyId, long userId, AccountAttribute attribute, String value, String hash, boolean first,
                    boolean maybeApplied, String previous) {
        this(legacyId, userId, attribute, value, hash, first, maybeApplied, previous, null, null);
    }

    /** The change of an uploaded picture as /user/avatar/batch sets it: its download URL, for the call and its read-back. */
    AttributeChange settingUrl(String url) {
        return new AttributeChange(legacyId, userId, attribute, url, hash, first, maybeApplied, previous);
    }

    AppliedState.Key key() {
        return key(legacyId, attribute);
    }

    /** The ledger's change: tags keep their value, so that the next change knows which tags to unbind. */
    AppliedState.Change change() {
        return new AppliedState.Change(key(), hash, attribute == AccountAttribute.TAGS ? value : null);
    }

    /** Tags this change binds: all of them, or those the previous value lacked. */
    List<String> tagsToBind() {
        List<String> tags = new ArrayList<>(AccountAttribute.tags(value));
        if (previous != null) {
            tags.removeAll(AccountAttribute.tags(previous));
        }
        return tags;
    }

    /** Tags this change unbinds: those maxim-batch bound before that the source no longer lists. */
    List<String> tagsToUnbind() {
        if (previous == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>(AccountAttribute.tags(previous));
        tags.removeAll(AccountAttribute.tags(value));
        return tags;
    }

    static AppliedState.Key key(String legacyId, AccountAttribute attribute) {
        return new AppliedState.Key("user:" + legacyId, attribute.key());
    }
}
