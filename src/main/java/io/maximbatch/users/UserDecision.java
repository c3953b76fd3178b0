package io.maximbatch.users;

import static io.maximbatch.users.UserReject.*;

import io.maximbatch.ledger.UserMapping;
import io.maximbatch.ledger.UserMapping.Origin;
import io.maximbatch.ledger.UserMapping.State;
import io.maximbatch.outcome.Why;
import io.maximbatch.step.Decision;
import io.maximbatch.step.LegacyIds;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The register-users rules, one decision for the run, the dry run, validate and reconcile: a row's own rules, then
 * the ID map (an earlier run's row, a duplicate of this run's), then, once MaxIM answers that the username exists,
 * whether it is ours (a lost answer) or someone else's (on-existing).
 */
final class UserDecision {

    /** What the ID map's username column holds; MaxIM documents no length and decides itself (10002 for that user). */
    static final int MAX_USERNAME = 255;
    /*
     * MaxIM's username pattern (the MaxIM API documentation of /user/register/v2), case-sensitive:
     * (?!mta|maxim)[a-zA-Z0-9_\u4e00-\u9fa5]*[a-zA-Z_\u4e00-\u9fa5]+[a-zA-Z0-9_\u4e00-\u9fa5]*, written as its three
     * conditions because the pattern itself backtracks quadratically on a long name that fails at its end.
     */
    private static final Pattern USERNAME_CHARACTERS = Pattern.compile("[a-zA-Z0-9_\u4e00-\u9fa5]++");
    private static final Pattern NOT_A_DIGIT = Pattern.compile("[a-zA-Z_\u4e00-\u9fa5]");

    private UserDecision() {
    }

    /** The row's decision; the lookups remember it, so that a later row with its legacy id or username is a duplicate. */
    static Decision<Registration> decide(UserRow row, UserLookups lookups) {
        return lookups.noted(row, decision(row, lookups));
    }

    private static Decision<Registration> decision(UserRow row, UserLookups lookups) {
        Optional<Why> broken = broken(row);
        if (broken.isPresent()) {
            return Decision.rejected(broken.get());
        }
        UserMapping mapped = lookups.legacyIds().get(row.legacyId());
        UserMapping sameName = lookups.usernames().get(row.username());
        if (mapped == null && sameName != null && sameName.legacyId().equals(row.legacyId())) {
            // Written between the two look-ups (another partition of the run): the same legacy id after all.
            mapped = sameName;
        }
        if (mapped != null) {
            if (lookups.thisRun(mapped) && !row.line().equals(mapped.sourceLine())) {
                // Written by this run from another row; a replayed row has the same position.
                return Decision.rejected(DUPLICATE_LEGACY_ID.why(row.legacyId(), mapped.sourceLine()));
            }
            if (!mapped.username().equals(row.username())) {
                return Decision.rejected(LEGACY_ID_MAPPED.why(row.legacyId(), mapped.username()));
            }
            return mapped.state() == State.DONE ? Decision.alreadyDone() : Decision.send(new Registration(row, true));
        }
        if (sameName != null) {
            return Decision.rejected(lookups.thisRun(sameName) ? DUPLICATE_USERNAME.why(row.username(), sameName.legacyId(), sameName.sourceLine())
                    : USERNAME_MAPPED.why(row.username(), sameName.legacyId()));
        }
        return Decision.send(new Registration(row, false));
    }

    /**
     * MaxIM says the username exists. If an attempt of ours may have created it (a PENDING row of an earlier run, or a
     * lost answer in this one), it is ours; otherwise on-existing decides. userId: the user MaxIM finds by that name.
     */
    static Registered existing(Registration registration, boolean maybeOurs, OnExisting onExisting, Optional<Long> userId) {
        if (!maybeOurs && onExisting == OnExisting.REJECT) {
            return Registered.rejected(USERNAME_TAKEN.why(registration.row().username()));
        }
        if (userId.isEmpty()) {
            return Registered.rejected(USER_NOT_FOUND.why(registration.row().username()));
        }
        if (maybeOurs && !registration.resumed()) {
            // Our own call of this run created it and only the answer was lost: this run wrote it.
            return Registered.written(userId.get());
        }
        return Registered.alreadyDone(userId.get(), maybeOurs ? Origin.CREATED : Origin.ADOPTED);
    }

    /** Whether MaxIM must be asked for the existing user: not when the row is rejected as taken anyway. */
    static boolean looksUp(boolean maybeOurs, OnExisting onExisting) {
        return maybeOurs || onExisting == OnExisting.ADOPT;
    }

    /**
     * The rules a row must meet before any look-up: required fields, MaxIM's username rule and account values it can
     * apply; the first it breaks.
     */
    static Optional<Why> broken(UserRow row) {
        if (row.problem() != null) {
            return Optional.of(MALFORMED_RECORD.why(row.problem()));
        }
        Optional<LegacyIds.Problem> legacyId = LegacyIds.problem(row.legacyId());
        if (legacyId.isPresent() && legacyId.get() != LegacyIds.Problem.UNDECODABLE) {
            return Optional.of((legacyId.get() == LegacyIds.Problem.MISSING ? MISSING_LEGACY_ID : INVALID_LEGACY_ID).why());
        }
        if (row.username() == null) {
            return Optional.of(MISSING_USERNAME.why());
        }
        if (row.password() == null) {
            return Optional.of(MISSING_PASSWORD.why());
        }
        if (LegacyIds.undecodable(row.legacyId()) || LegacyIds.undecodable(row.username()) || LegacyIds.undecodable(row.password())
                || row.account().texts().anyMatch(LegacyIds::undecodable)) {
            return Optional.of(INVALID_ENCODING.why());
        }
        String username = row.username();
        if (!vendorAccepts(username)) {
            return Optional.of(INVALID_USERNAME.why(username));
        }
        if (username.length() > MAX_USERNAME) {
            return Optional.of(USERNAME_TOO_LONG.why(username.length()));
        }
        String attribute = AccountAttribute.problem(row.account());
        if (attribute != null) {
            return Optional.of(attribute.equals("disabled") ? INVALID_DISABLED.why(row.account().disabled())
                    : INVALID_AVATAR.why(row.account().avatar()));
        }
        return Optional.empty();
    }

    /**
     * Whether a name matches the vendor's pattern: letters, digits, `_` and Han U+4E00..U+9FA5, at least one non-digit,
     * not beginning with `maxim` or `mta` (case-sensitive). Three linear checks: the pattern as a regex backtracks.
     */
    static boolean vendorAccepts(String username) {
        return USERNAME_CHARACTERS.matcher(username).matches() && NOT_A_DIGIT.matcher(username).find() && !username.startsWith("maxim")
                && !username.startsWith("mta");
    }
}
