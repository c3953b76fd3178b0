package io.maximbatch.legacy;

/**
 * A text that is not a term the reader accepts (malformed, nested too deep, too long, a number too long); the message
 * names where. The reader throws nothing else, so that one catch turns any room's options into a rejected room.
 */
public final class ErlangTermException extends RuntimeException {

    ErlangTermException(String message) {
        super(message);
    }
}
