package io.maximbatch.maxim;

import java.util.Map;

/** Classifies MaxIM answer codes and HTTP statuses, code by code, as the MaxIM API documentation lists them. */
public final class ErrorCodes {

    public static final int OK = 200;
    public static final int USER_NOT_FOUND = 10000;
    public static final int USER_EXISTS = 10004;
    /** "friend does not exist or expired". */
    public static final int FRIEND_NOT_FOUND = 10007;
    /** "group does not exist or has been dismissed". */
    public static final int GROUP_NOT_FOUND = 20001;
    /** "user is not a group member". */
    public static final int NOT_A_MEMBER = 20002;
    public static final int DATABASE_ERROR = 20000;
    /** The reject code of a call MaxIM answered with code 200 and data false (the Swagger's Response«boolean»): not done. */
    public static final String ANSWERED_FALSE = "ANSWERED_FALSE";

    private static final Map<Integer, ErrorClass> CLASSES = Map.ofEntries(
            Map.entry(10000, ErrorClass.REJECTED),
            Map.entry(10001, ErrorClass.REJECTED),
            Map.entry(10002, ErrorClass.REJECTED),
            Map.entry(10003, ErrorClass.FATAL),
            Map.entry(10004, ErrorClass.ALREADY_DONE),
            Map.entry(10005, ErrorClass.ALREADY_DONE),
            Map.entry(10006, ErrorClass.REJECTED),
            Map.entry(10007, ErrorClass.REJECTED),
            Map.entry(10008, ErrorClass.FATAL),
            Map.entry(10009, ErrorClass.RETRYABLE),
            Map.entry(10010, ErrorClass.REJECTED),
            Map.entry(10011, ErrorClass.REJECTED),
            Map.entry(10012, ErrorClass.REJECTED),
            Map.entry(11011, ErrorClass.ALREADY_DONE),
            // The campaign's image is wrong for every batch: failing at the first one beats rejecting every target.
            Map.entry(12001, ErrorClass.FATAL),
            Map.entry(12002, ErrorClass.FATAL),
            Map.entry(12003, ErrorClass.FATAL),
            Map.entry(12004, ErrorClass.FATAL),
            // A push batch over 500 targets is our bug: failing loudly beats rejecting thousands of users.
            Map.entry(12005, ErrorClass.FATAL),
            Map.entry(12006, ErrorClass.FATAL),
            Map.entry(20000, ErrorClass.RETRYABLE),
            Map.entry(20001, ErrorClass.REJECTED),
            Map.entry(20002, ErrorClass.REJECTED),
            Map.entry(20004, ErrorClass.REJECTED),
            Map.entry(20005, ErrorClass.REJECTED),
            Map.entry(20006, ErrorClass.RETRYABLE),
            Map.entry(20007, ErrorClass.REJECTED),
            Map.entry(20008, ErrorClass.REJECTED),
            Map.entry(20009, ErrorClass.REJECTED),
            Map.entry(20010, ErrorClass.REJECTED),
            Map.entry(20011, ErrorClass.REJECTED),
            Map.entry(20012, ErrorClass.REJECTED),
            Map.entry(20013, ErrorClass.REJECTED),
            Map.entry(20014, ErrorClass.REJECTED),
            Map.entry(20015, ErrorClass.REJECTED),
            Map.entry(20016, ErrorClass.REJECTED),
            Map.entry(20017, ErrorClass.ALREADY_DONE),
            Map.entry(20018, ErrorClass.REJECTED),
            Map.entry(20020, ErrorClass.REJECTED),
            Map.entry(20021, ErrorClass.REJECTED),
            Map.entry(20022, ErrorClass.REJECTED),
            Map.entry(20023, ErrorClass.REJECTED),
            Map.entry(20024, ErrorClass.REJECTED),
            Map.entry(20025, ErrorClass.REJECTED),
            Map.entry(30021, ErrorClass.FATAL),
            Map.entry(30022, ErrorClass.FATAL),
            Map.entry(30023, ErrorClass.FATAL),
            Map.entry(40000, ErrorClass.FATAL),
            Map.entry(40001, ErrorClass.FATAL),
            Map.entry(40002, ErrorClass.FATAL),
            Map.entry(40003, ErrorClass.FATAL));

    private ErrorCodes() {
    }

    /** Whether the MaxIM API documentation lists the code (a reject code given as text, e.g. "10002"); false for any other text. */
    public static boolean documented(String code) {
        try {
            return code != null && CLASSES.containsKey(Integer.parseInt(code));
        } catch (NumberFormatException notACode) {
            return false;
        }
    }

    /** The class of an answer code carried in the JSON envelope. Unknown codes reject the record. */
    public static ErrorClass ofCode(int code) {
        if (code == OK) {
            return ErrorClass.SUCCESS;
        }
        return CLASSES.getOrDefault(code, ErrorClass.REJECTED);
    }

    /** The class of an HTTP status that is not 200. */
    public static ErrorClass ofHttpStatus(int status) {
        if (status == 200) {
            return ErrorClass.SUCCESS;
        }
        if (status == 429 || status >= 500) {
            return ErrorClass.RETRYABLE;
        }
        // Other 4xx (and odd statuses) mean a wrong endpoint or a bug: retrying cannot help.
        return ErrorClass.FATAL;
    }

    /** Whether a failure may have happened after the server did the work (so a retry may find it done). */
    static boolean mayHaveBeenExecuted(int httpStatus, int code) {
        if (httpStatus == 429 || httpStatus == 503) {
            return false;
        }
        return httpStatus >= 500 || code == DATABASE_ERROR;
    }
}
