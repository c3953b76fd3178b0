package io.maximbatch.users;

import static io.maximbatch.users.UserReject.AVATAR_UNUSABLE;

import static io.maximbatch.users.UserReject.NOT_REGISTERED;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.ledger.UserMapping;
import io.maximbatch.step.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The account-attributes rules, for the run and the dry run: a row's attributes go to the user this run's users step
 * registered (or found done) from that very row; each is sent only when its value differs from the one last applied.
 */
final class AttributeDecision {

    private AttributeDecision() {
    }

    /** The user a run's users step registered (or found done) from this very row, or null. */
    static Long registeredFrom(UserRow row, UserMapping mapping, long instance) {
        return mapping != null && mapping.state() == UserMapping.State.DONE && mapping.userId() != null
                && mapping.jobInstanceId() == instance && row.line().equals(mapping.sourceLine()) ? mapping.userId() : null;
    }

    /** userId: the user registered from this row (null: none); applied: the recorded state of the row's attributes. */
    static Decision<AttributeChange> decide(UserRow row, Long userId, Map<AppliedState.Key, AppliedState.State> applied) {
        if (UserDecision.broken(row).isPresent() || userId == null) {
            // Its users step rejected it (rules, duplicate, MaxIM's answer): that step's report says why.
            return Decision.rejected(NOT_REGISTERED.why(row.legacyId() == null ? "(none)" : row.legacyId()));
        }
        List<AttributeChange> changes = new ArrayList<>();
        if (row.account().uploadsAvatar()) {
            AttributeChange upload = upload(row, userId, applied);
            if (upload != null) {
                changes.add(upload);
            }
        }
        for (AccountAttribute attribute : AccountAttribute.values()) {
            String value = attribute.value(row.account());
            if (value == null) {
                continue;
            }
            String hash = AppliedState.hash(value);
            AppliedState.State state = applied.get(AttributeChange.key(row.legacyId(), attribute));
            if (state != null && hash.equals(state.applied())) {
                continue;
            }
            changes.add(new AttributeChange(row.legacyId(), userId, attribute, value, hash,
                    state == null || state.applied() == null, state != null && hash.equals(state.pending()),
                    state == null ? null : state.appliedValue()));
        }
        return changes.isEmpty() ? Decision.alreadyDone() : Decision.send(changes);
    }

    /**
     * The row's picture to upload, unless the ledger holds its bytes' hash as applied (then null): the same bytes are
     * never uploaded twice. A picture that cannot be an avatar is a change that is rejected without a call.
     */
    private static AttributeChange upload(UserRow row, long userId, Map<AppliedState.Key, AppliedState.State> applied) {
        AvatarImage.Loaded picture = row.account().avatarImage();
        String value = picture.image() == null ? "unusable" : picture.image().value();
        String hash = AppliedState.hash(value);
        AppliedState.State state = applied.get(AttributeChange.key(row.legacyId(), AccountAttribute.AVATAR));
        if (picture.image() != null && state != null && hash.equals(state.applied())) {
            return null;
        }
        boolean sent = state != null && hash.equals(state.pending());
        return new AttributeChange(row.legacyId(), userId, AccountAttribute.AVATAR, value, hash, state == null || state.applied() == null,
                sent, null, picture, sent ? state.pendingValue() : null);
    }

    /** What becomes of a picture that cannot be an avatar (null: it can be one): rejected without a call; the account's other attributes still go. */
    static Outcome unusable(AvatarImage.Loaded picture) {
        return picture != null && picture.image() == null ? Outcome.rejected(AVATAR_UNUSABLE.why(picture.unusable())) : null;
    }

    /** A run's decisions for rows, with the ID map and the applied-state ledger looked up once for all of them. */
    static List<Decision<AttributeChange>> decideAll(List<? extends UserRow> rows, UserMap userMap, AppliedState applied, long instance) {
        Map<String, UserMapping> mappings = userMap.findByLegacyIds(rows.stream().map(UserRow::legacyId).filter(id -> id != null).toList());
        Map<AppliedState.Key, AppliedState.State> states = applied.find(keys(rows));
        return rows.stream().map(row -> decide(row, registeredFrom(row, mappings.get(row.legacyId()), instance), states)).toList();
    }

    /** The ledger keys of a chunk's rows, to look them up at once. */
    static List<AppliedState.Key> keys(List<? extends UserRow> rows) {
        List<AppliedState.Key> keys = new ArrayList<>();
        rows.stream().filter(r -> r.legacyId() != null)
                .forEach(r -> List.of(AccountAttribute.values()).forEach(a -> keys.add(AttributeChange.key(r.legacyId(), a))));
        return keys;
    }
}
