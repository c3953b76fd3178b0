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

    MaximException(String message, ErrorClass errorClass, int httpStatus, int code, Duration retryAfter,
                   boolean mayHaveBeenExecuted, Throwable cause) {
        super(message, cause);
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

    /** A short reason code for reports: the MaxIM code, HTTP_nnn or IO. */
    public String reasonCode() {
        if (code != 0) {
            return String.valueOf(code);
        }
        return httpStatus != 0 ? "HTTP_" + httpStatus : "IO";
    }

    MaximException withMessage(String message) {
        return new MaximException(message, errorClass, httpStatus, code, retryAfter, mayHaveBeenExecuted, getCause());
    }
}
