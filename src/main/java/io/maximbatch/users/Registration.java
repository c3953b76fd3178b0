package io.maximbatch.users;

/** A row to register; resumed when an earlier run left its PENDING row (its call may have succeeded, its answer lost). */
record Registration(UserRow row, boolean resumed) {
}
