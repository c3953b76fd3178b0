package io.maximbatch.maxim;

import java.util.List;
import tools.jackson.core.type.TypeReference;

/**
 * A user's blacklist: POST /roster/block?user_id=other as the user, and GET /roster/blocked_list. A block whose answer
 * was lost is read back before it is sent again; a block answered 10006 "user in blacklist" or false is already done
 * when the owner's blacklist holds it, else refused.
 */
public final class RosterBlocks {

    /** "user in blacklist": what MaxIM may answer a block of a user already blocked. */
    static final int IN_BLACKLIST = 10006;

    private RosterBlocks() {
    }

    /** The owner blocks the other: done, already done (10006, or read back after a lost answer), refused or failed. */
    public static ItemResult<Void> block(MaximClient client, long ownerId, long blockedId) {
        CallTrace trace = new CallTrace();
        try {
            client.exchanges().confirmedUnlessCarriedOut("POST", "/roster/block?user_id=" + blockedId, ownerId, null, trace,
                    () -> blocked(client, ownerId).contains(blockedId));
            return ItemResult.done(null);
        } catch (MaximException e) {
            // "user in blacklist" may as well say that the other blacklisted the owner: the owner's own blacklist decides
            // whether the block is there (an answer false is read back the same way, by confirmedUnlessCarriedOut).
            return e.code() == IN_BLACKLIST && blocked(client, ownerId).contains(blockedId) ? ItemResult.alreadyDone(trace.maybeExecuted())
                    : ItemResult.of(e, trace.maybeExecuted());
        }
    }

    /** The users the owner blacklisted (GET /roster/blocked_list as the owner, unpaged in the Swagger). */
    public static List<Long> blocked(MaximClient client, long ownerId) {
        Exchanges exchanges = client.exchanges();
        List<Long> ids = exchanges.convert(exchanges.call("GET", "/roster/blocked_list", ownerId, null, new CallTrace()),
                new TypeReference<>() { });
        return ids == null ? List.of() : ids.stream().filter(java.util.Objects::nonNull).toList();
    }
}
