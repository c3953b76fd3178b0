package io.maximbatch.maxim;

/**
 * The answer for one item of a call (a user of a batch registration, a friend of add_roster, a member of an
 * invite, a batch of a push), classified as the MaxIM API documentation says: done, already done (maybe by an earlier
 * attempt of ours whose answer was lost), refused with a code and MaxIM's text, or failed (retries exhausted or a
 * fatal answer: the step fails and can be resumed).
 */
public record ItemResult<T>(Status status, T value, String code, String reason, boolean maybeOurs, RuntimeException failure) {

    /** PENDING: MaxIM answered success, but holds the item until a person consents (an invite to a user with group_confirm). */
    public enum Status { DONE, ALREADY_DONE, REFUSED, FAILED, PENDING }

    public static <T> ItemResult<T> done(T value) {
        return new ItemResult<>(Status.DONE, value, null, null, false, null);
    }

    /** maybeOurs: an earlier attempt of this call may have done it, its answer lost. */
    public static <T> ItemResult<T> alreadyDone(boolean maybeOurs) {
        return new ItemResult<>(Status.ALREADY_DONE, null, null, null, maybeOurs, null);
    }

    public static <T> ItemResult<T> pending() {
        return new ItemResult<>(Status.PENDING, null, null, null, false, null);
    }

    public static <T> ItemResult<T> refused(String code, String reason) {
        return new ItemResult<>(Status.REFUSED, null, code, reason, false, null);
    }

    public static <T> ItemResult<T> failed(RuntimeException failure) {
        return new ItemResult<>(Status.FAILED, null, null, null, false, failure);
    }

    /** A call that did not succeed for this item: already done, refused, or failed by its class. */
    static <T> ItemResult<T> of(MaximException e, boolean maybeOurs) {
        return switch (e.errorClass()) {
            case ALREADY_DONE -> alreadyDone(maybeOurs);
            // Kept on a refusal too: a retry after a lost answer may be refused for what the first call did.
            case REJECTED -> new ItemResult<>(Status.REFUSED, null, e.reasonCode(), e.getMessage(), maybeOurs, null);
            default -> failed(e);
        };
    }

    /**
     * An item a multi-item answer says did not succeed (a user of a batch registration, an invite, a profile or avatar
     * batch), classified by its reason as ItemReason reads it: already done; a transient or fatal code is FAILED with a
     * MaximException of that class (see retryable); otherwise refused under its code, or withoutCode when it has none.
     */
    public static <T> ItemResult<T> ofReason(String reason, String withoutCode, boolean maybeOurs) {
        ItemReason read = ItemReason.of(reason);
        if (read.alreadyDone()) {
            return alreadyDone(maybeOurs);
        }
        if (read.transientOrFatal()) {
            return failed(new MaximException(read.text(), ErrorCodes.ofCode(read.code()), 200, read.code(), null, maybeOurs, null));
        }
        return refused(read.rejectCode(withoutCode), read.text());
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** A failure whose class says asking again may succeed. */
    public boolean retryable() {
        return failure instanceof MaximException e && e.errorClass() == ErrorClass.RETRYABLE;
    }
}
