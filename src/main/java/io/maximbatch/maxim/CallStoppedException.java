package io.maximbatch.maxim;

/** A call given up because an operator stopped its job; the job framework turns it into a stopped step. */
public final class CallStoppedException extends RuntimeException {

    CallStoppedException(String message) {
        super(message);
    }
}
