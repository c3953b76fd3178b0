package io.maximbatch.users;

import io.maximbatch.source.SourceSpec;

/** The register-users keys of a job file. batchSize > 1 uses /user/register/batch. */
record RegisterUsersSettings(SourceSpec source, OnExisting onExisting, int batchSize) {
}
