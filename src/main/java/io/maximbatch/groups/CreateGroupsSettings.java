package io.maximbatch.groups;

import io.maximbatch.source.SourceSpec;

/** The create-groups keys of a job file: groups, their members, members per invite call, and MaxIM's group type. */
record CreateGroupsSettings(SourceSpec groups, SourceSpec members, int batchSize, int groupType) {
}
