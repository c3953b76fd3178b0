package io.maximbatch.step;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the job's earlier steps would write, for the references of later steps in a dry run or `validate`: the
 * legacy ids of the users a users step would register, of the groups a groups step would create. Empty when the
 * job has no such step before (then references are looked up in the ID maps only, or not checked by `validate`).
 */
public final class Foreseen {

    private Set<String> users;
    private Set<String> groups;

    public Optional<Set<String>> users() {
        return Optional.ofNullable(users);
    }

    public void users(Set<String> legacyIds) {
        users = new HashSet<>(legacyIds);
    }

    public Optional<Set<String>> groups() {
        return Optional.ofNullable(groups);
    }

    public void groups(Set<String> legacyGroupIds) {
        groups = new HashSet<>(legacyGroupIds);
    }
}
