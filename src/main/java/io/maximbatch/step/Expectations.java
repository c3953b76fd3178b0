package io.maximbatch.step;

/** What MaxIM must hold after a job, as each step type says from its sources and its rules (reconcile collects it). */
public interface Expectations {

    /** The values of the sources' query parameters (the run's name=value parameters; see StepRun.queryParameters). */
    default java.util.Map<String, Object> queryParameters() {
        return java.util.Map.of();
    }

    /** The job-file step whose expectations follow (its rows' lines are that step's). */
    default void step(String name) {
    }

    /** A user the step registers, read at that line of its source. */
    void user(String line, String legacyId, String username);

    /** A friendship: user added friend, and friend added user too when mutual. */
    void friendship(String userLegacyId, String friendLegacyId, boolean mutual);

    void group(String legacyGroupId, String ownerLegacyId);

    void member(String legacyGroupId, String memberLegacyId);

    /**
     * What an account must hold besides its name: attribute -> value, of nickname, description, public_info,
     * private_info, avatar, tags (sorted, joined with '|') and disabled ("true" or "false"); only those the row gives.
     */
    default void account(String legacyId, java.util.Map<String, String> attributes) {
    }

    /** The remark the user gave the friend. */
    default void remark(String userLegacyId, String friendLegacyId, String remark) {
    }

    /** A member that must be an admin of its group. */
    default void admin(String legacyGroupId, String memberLegacyId) {
    }

    /**
     * What a group must hold besides its members: setting -> on (by the groups step's names: history_visible,
     * allow_member_invitation, allow_member_modify, require_admin_approval), only those the row gives; and the owner's
     * announcement, or null.
     */
    default void groupSettings(String legacyGroupId, java.util.Map<String, Boolean> settings, String announcement) {
    }

    /** A block: the user blacklisted the other. */
    default void block(String userLegacyId, String blockedLegacyId) {
    }

    /** A member's display name in its group. */
    default void displayName(String legacyGroupId, String memberLegacyId, String displayName) {
    }

    /** A user that must be blocked in the group (and is no member of it). */
    default void blocked(String legacyGroupId, String userLegacyId) {
    }

    /** A source row that MaxIM is not expected to hold: its step rejects it by its rules. */
    void rejected();
}
