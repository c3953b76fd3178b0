package io.maximbatch.source;

/** A source that cannot be read at all (missing file, missing columns, unreachable database); names the source. */
public final class SourceException extends RuntimeException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
