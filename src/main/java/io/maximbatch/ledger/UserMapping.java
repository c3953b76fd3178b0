package io.maximbatch.ledger;

/**
 * One row of user_map: a legacy user and the MaxIM user it became (userId is null while PENDING), with the run
 * (job instance and execution) and the source position that last wrote it; legacyUsername is the legacy system's
 * name when MaxIM's differs (usernames: rewrite), else null.
 */
public record UserMapping(String legacyId, String username, Long userId, State state, Origin origin,
                          long jobInstanceId, long jobExecutionId, String sourceLine, String legacyUsername) {

    /** A mapping whose MaxIM username is the legacy one (legacyUsername null). */
    public UserMapping(String legacyId, String username, Long userId, State state, Origin origin, long jobInstanceId,
                       long jobExecutionId, String sourceLine) {
        this(legacyId, username, userId, state, origin, jobInstanceId, jobExecutionId, sourceLine, null);
    }

    public enum State { PENDING, DONE }

    /** CREATED: registered by us. ADOPTED: existed in MaxIM already and was mapped (on-existing: adopt). */
    public enum Origin { CREATED, ADOPTED }
}
