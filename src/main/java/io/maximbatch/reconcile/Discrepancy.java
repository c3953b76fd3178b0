package io.maximbatch.reconcile;

/** One difference between the sources and what MaxIM holds. */
public record Discrepancy(Kind kind, String legacy, String maxim, String detail) {

    public enum Kind {
        MISSING_USER(true), MISSING_FRIENDSHIP(true), EXTRA_FRIENDSHIP(false), MISSING_GROUP(true), MISSING_MEMBER(true), EXTRA_MEMBER(false),
        ATTRIBUTE_DIFFERS(true), REMARK_DIFFERS(true), MISSING_ADMIN(true), SETTING_DIFFERS(true), MISSING_ANNOUNCEMENT(true),
        DISPLAY_NAME_DIFFERS(true), MISSING_GROUP_BLOCK(true), MISSING_BLOCK(true),
        /** Invited, and MaxIM waits for the person's consent (group_confirm): listed, but only the person can complete it. */
        PENDING_MEMBER(false);

        private final boolean missing;

        Kind(boolean missing) {
            this.missing = missing;
        }

        /** Something the sources expect and MaxIM lacks (extras are reported, but do not make a migration incomplete). */
        public boolean missing() {
            return missing;
        }
    }
}
