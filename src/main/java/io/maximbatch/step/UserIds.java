package io.maximbatch.step;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The MaxIM user of a legacy id, as a decision looks it up: the ID map's (read for each chunk) or, in a dry run or
 * `validate`, a stand-in for a user an earlier step of the job would register, which has no id yet (a negative one,
 * never in a ledger).
 */
public final class UserIds {

    /** Users an earlier step would register; empty: every legacy id resolves (validate without a users step). */
    private final Optional<Set<String>> foreseen;
    private final Map<String, Long> mapped = new HashMap<>();
    private final Map<String, Long> standIns = new HashMap<>();

    private UserIds(Optional<Set<String>> foreseen) {
        this.foreseen = foreseen;
    }

    /** A run's: registered users only. */
    public static UserIds registered() {
        return new UserIds(Optional.of(Set.of()));
    }

    /** A dry run's or validate's: also the users an earlier step would register (any, when foreseen is empty). */
    public static UserIds foreseen(Optional<Set<String>> foreseen) {
        return new UserIds(foreseen);
    }

    /** The ID map's registered users for the next chunk: legacy id -> MaxIM user id. */
    public void load(Map<String, Long> userIds) {
        mapped.clear();
        mapped.putAll(userIds);
    }

    /** The user of a legacy id, or null when it is not registered (and no earlier step of the job registers it). */
    public Long of(String legacyId) {
        Long id = mapped.get(legacyId);
        if (id != null) {
            return id;
        }
        if (foreseen.isEmpty() || foreseen.get().contains(legacyId)) {
            return standIns.computeIfAbsent(legacyId, k -> -1L - standIns.size());
        }
        return null;
    }
}
