package io.maximbatch.reconcile;

import io.maximbatch.maxim.RosterBlocks;
import io.maximbatch.reconcile.Discrepancy.Kind;
import io.maximbatch.reconcile.ReconcileService.Counts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;

/** Compares the blocks the sources expect with each blocking user's blacklist: one GET /roster/blocked_list per such user. */
@Component
class BlockHoldings {

    private final HoldingsReads deps;

    BlockHoldings(HoldingsReads deps) {
        this.deps = deps;
    }

    /** blocks: user legacy id -> the legacy ids it blocks; pairs with a user not registered are the rejects' to explain. */
    void blocks(Map<String, Set<String>> blocks, List<Discrepancy> found, Counts counts) {
        Set<String> legacyIds = new HashSet<>(blocks.keySet());
        blocks.values().forEach(legacyIds::addAll);
        Map<String, Long> ids = deps.userMap().userIds(legacyIds);
        Map<Long, Map<Long, String>> byUser = new HashMap<>();
        blocks.forEach((user, blocked) -> blocked.forEach(other -> {
            if (ids.containsKey(user) && ids.containsKey(other)) {
                byUser.computeIfAbsent(ids.get(user), u -> new HashMap<>()).put(ids.get(other), user + " -> " + other);
            }
        }));
        List<Callable<Void>> tasks = new ArrayList<>();
        byUser.forEach((user, expected) -> tasks.add(() -> {
            Set<Long> held = new HashSet<>(RosterBlocks.blocked(deps.client().getObject(), user));
            expected.forEach((blocked, legacy) -> {
                synchronized (counts) {
                    counts.expectedBlocks++;
                }
                if (!held.contains(blocked)) {
                    found.add(new Discrepancy(Kind.MISSING_BLOCK, legacy, user + " -> " + blocked, "not blocked"));
                }
            });
            return null;
        }));
        deps.calls().getObject().valuesOfAll(tasks);
    }
}
