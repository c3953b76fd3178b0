package io.maximbatch.cli;

/** Plain one-line messages from exceptions, for people rather than stack traces. */
final class Messages {

    private Messages() {
    }

    static String of(Throwable e) {
        Throwable useful = e;
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("Database may be already in use")) {
                return "the job database is in use by another maxim-batch process (" + firstLine(cause.getMessage())
                        + "); run one process per job database, or wait for the other one to end";
            }
            // Spring wraps the cause that matters in layers of its own exceptions: keep the deepest of ours or the driver's.
            if (cause.getMessage() != null && !cause.getClass().getName().startsWith("org.springframework")) {
                useful = cause;
            }
        }
        String message = useful.getMessage();
        return message == null ? useful.getClass().getSimpleName() : firstLine(message);
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message);
    }
}
