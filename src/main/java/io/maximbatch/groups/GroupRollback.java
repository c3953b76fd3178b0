package io.maximbatch.groups;

import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.ErrorCodes;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Disbands the groups that given job executions created (group_map DONE rows of those executions), as each group's
 * owner, and marks them ROLLED_BACK. Running it again finds nothing more to do.
 */
@Service
public class GroupRollback {


    private final ObjectProvider<MaximClient> client;
    private final GroupMap groupMap;

    GroupRollback(ObjectProvider<MaximClient> client, GroupMap groupMap) {
        this.client = client;
        this.groupMap = groupMap;
    }

    /** What a rollback did: groups disbanded, groups MaxIM no longer had, and groups it could not disband, with why. */
    public record Result(int disbanded, int alreadyGone, List<Failure> failed) {
    }

    /** A group that is still there, and the reason. */
    public record Failure(String legacyGroupId, long groupId, String reason) {
    }

    public Result rollback(Collection<Long> jobExecutionIds) {
        if (jobExecutionIds.isEmpty()) {
            return new Result(0, 0, List.of());
        }
        MaximClient maxim = client.getObject();
        int disbanded = 0;
        int gone = 0;
        List<Failure> failed = new ArrayList<>();
        for (GroupMapping group : groupMap.createdBy(jobExecutionIds)) {
            try {
                maxim.destroyGroup(group.ownerUserId(), group.groupId(), new CallTrace());
                disbanded++;
            } catch (MaximException e) {
                if (e.code() != ErrorCodes.GROUP_NOT_FOUND) {
                    if (e.errorClass() == ErrorClass.FATAL) {
                        throw e;
                    }
                    failed.add(new Failure(group.legacyGroupId(), group.groupId(), e.getMessage()));
                    continue;
                }
                gone++;
            }
            groupMap.markRolledBack(group.legacyGroupId());
        }
        return new Result(disbanded, gone, List.copyOf(failed));
    }
}
