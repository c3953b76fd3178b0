package io.maximbatch.roster;

import io.maximbatch.source.SourceSpec;

/** The import-rosters keys of a job file: the friendships, whether each also goes the other way, friends per call. */
record RosterSettings(SourceSpec source, boolean mutual, int batchSize) {
}
