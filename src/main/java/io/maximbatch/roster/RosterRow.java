package io.maximbatch.roster;

import java.util.LinkedHashMap;

/**
 * One friendship as read: user_legacy_id added friend_legacy_id (and the reverse too when mutual), or the reason
 * it is rejected before any look-up.
 */
record RosterRow(String line, String userLegacyId, String friendLegacyId, String rejectCode, String rejectReason,
                 LinkedHashMap<String, String> asRead) {

    boolean isValid() {
        return rejectCode == null;
    }
}
