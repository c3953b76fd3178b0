package io.maximbatch.cli;

import io.maximbatch.report.FailureCause;

/** Plain one-line messages from exceptions, for people rather than stack traces. */
final class Messages {

    private Messages() {
    }

    static String of(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("Database may be already in use")) {
                return "the job database is in use by another maxim-batch process (" + firstLine(cause.getMessage())
                        + "); run one process per job database, or wait for the other one to end";
            }
        }
        return FailureCause.describe(e);
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message);
    }
}
