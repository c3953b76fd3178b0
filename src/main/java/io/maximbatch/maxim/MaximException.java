package io.maximbatch.maxim;

import java.time.Duration;
import java.util.Optional;

/** A call to MaxIM that did not succeed, with the class that decides what happens next. Never carries a secret. */
public final class MaximException extends RuntimeException {

    private final ErrorClass errorClass;
    private final int httpStatus;
    private final int code;
    private final transient Duration retryAfter;
    private final boolean mayHaveBeenExecuted;
    /** The reason code of an answer that carries no code of its own (data: false), or null. */
    private final String answered;

    MaximException(String message, ErrorClass errorClass, int httpStatus, int code, Duration retryAfter,
                   boolean mayHaveBeenExecuted, Throwable cause) {
        this(message, errorClass, httpStatus, code, retryAfter, mayHaveBeenExecuted, cause, null);
    }

    private MaximException(String message, ErrorClass errorClass, int httpStatus, int code, Duration retryAfter,
                           boolean mayHaveBeenExecuted, Throwable cause, String answered) {
        super(message, cause);
        this.answered = answered;
        this.errorClass = errorClass;
        this.httpStatus = httpStatus;
        this.code = code;
        this.retryAfter = retryAfter;
        this.mayHaveBeenExecuted = mayHaveBeenExecuted;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** HTTP status of the answer; 0 when no answer came (I/O error, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** MaxIM answer code; 0 when the envelope was not read. */
    public int code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** True when the server may have done the work although the answer says otherwise (lost answer, 5xx). */
    public boolean mayHaveBeenExecuted() {
        return mayHaveBeenExecuted;
    }

    /** A short reason code for reports: the MaxIM code, ANSWERED_FALSE, HTTP_nnn or IO. */
    public String reasonCode() {
        if (answered != null) {
            return answered;
        }
        if (code != 0) {
            return String.valueOf(code);
        }
        return httpStatus != 0 ? "HTTP_" + httpStatus : "IO";
    }

    MaximException withMessage(String message) {
        return new MaximException(message, errorClass, httpStatus, code, retryAfter, mayHaveBeenExecuted, getCause(), answered);
    }

    /** A success envelope whose boolean data is false: MaxIM says it did not carry the call out, with no code of its own. */
    static MaximException answeredFalse(String path) {
        return new MaximException(path + ": MaxIM answered data: false (not carried out)", ErrorClass.REJECTED, 200, 0, null, false, null,
                ErrorCodes.ANSWERED_FALSE);
    }
}
