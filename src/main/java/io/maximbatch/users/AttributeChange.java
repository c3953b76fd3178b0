package io.maximbatch.users;

import io.maximbatch.ledger.AppliedState;

/**
 * One attribute of one registered account to send: its canonical value and hash; first when nothing was ever applied
 * (then it counts written, else updated); maybeApplied when an earlier attempt sent this very value and never heard.
 */
record AttributeChange(String legacyId, long userId, AccountAttribute attribute, String value, String hash, boolean first,
                       boolean maybeApplied) {

    AppliedState.Key key() {
        return key(legacyId, attribute);
    }

    AppliedState.Change change() {
        return new AppliedState.Change(key(), hash);
    }

    static AppliedState.Key key(String legacyId, AccountAttribute attribute) {
        return new AppliedState.Key("user:" + legacyId, attribute.key());
    }
}
