package io.maximbatch.maxim;

/** What maxim-batch does with an answer from MaxIM (the MaxIM API documentation's error codes; ErrorCodes classifies each). */
public enum ErrorClass {
    SUCCESS,
    /** The server says the work already exists: nothing more to do. */
    ALREADY_DONE,
    /** Slow down and try the same request again. */
    RETRYABLE,
    /** This record cannot be written; it goes to the reject report. */
    REJECTED,
    /** Nothing more can succeed: the job fails and can be resumed once the cause is fixed. */
    FATAL
}
