package io.maximbatch.sandbox;

/** A MaxIM business error: answered as HTTP 200 with this code and message. */
final class ApiException extends Exception {

    private final int code;

    ApiException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(10002, message);
    }

    static ApiException noUser() {
        return new ApiException(10000, "user does not exist");
    }

    static ApiException noGroup() {
        return new ApiException(20001, "group does not exist");
    }
}
