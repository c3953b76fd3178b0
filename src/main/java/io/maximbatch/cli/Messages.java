package io.maximbatch.cli;

import io.maximbatch.report.FailureCause;
import java.sql.SQLException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;

/** Plain one-line messages from exceptions, for people rather than stack traces. */
final class Messages {

    private Messages() {
    }

    static String of(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                // Which setting, and from where (an environment variable, a file), rather than a bare "For input string".
                String from = bind.getProperty() != null && bind.getProperty().getOrigin() != null ? " (" + bind.getProperty().getOrigin() + ")" : "";
                if (bind.getCause() instanceof BindValidationException invalid) {
                    // A value its checks refuse (maxim.campaigns.frequency-cap.max: 0): each refused key with its rule.
                    return "the settings " + bind.getName() + " have values they cannot use: " + invalid.getValidationErrors().getAllErrors().stream()
                            .map(error -> (error instanceof FieldError field ? bind.getName() + "." + DataObjectPropertyName.toDashedForm(field.getField()) : bind.getName()) + ": "
                                    + error.getDefaultMessage()).collect(java.util.stream.Collectors.joining("; "));
                }
                return "the setting " + bind.getName() + from + " has a value it cannot use: " + FailureCause.describe(bind);
            }
            if (cause.getMessage() != null && cause.getMessage().contains("Database may be already in use")) {
                return "the job database is in use by another maxim-batch process (" + firstLine(cause.getMessage())
                        + "); run one process per job database, or wait for the other one to end";
            }
        }
        return FailureCause.describe(e);
    }

    /** True when the failure is the job database's: a connection lost or refused, a statement or a transaction that failed. */
    static boolean jobDatabaseLost(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof DataAccessException || cause instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message);
    }
}
