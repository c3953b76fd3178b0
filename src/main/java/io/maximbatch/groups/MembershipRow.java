package io.maximbatch.groups;

import java.util.LinkedHashMap;

/** One member of a legacy group, as read. */
record MembershipRow(String line, String legacyGroupId, String memberLegacyId, LinkedHashMap<String, String> asRead) {
}
