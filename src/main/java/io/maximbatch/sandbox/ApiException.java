package io.maximbatch.sandbox;

/** A MaxIM business error, answered as HTTP 200 with this code and message; or a body the server cannot read, HTTP 400. */
final class ApiException extends Exception {

    private final int code;
    private final int httpStatus;

    ApiException(int code, String message) {
        this(code, message, 200);
    }

    private ApiException(int code, String message, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    int code() {
        return code;
    }

    /** 200 for a business error; 400 for a request the vendor's framework cannot bind (malformed JSON, wrong types). */
    int httpStatus() {
        return httpStatus;
    }

    /** A body or parameter of the wrong type (a string where the Swagger says int64): the framework refuses it before MaxIM's code runs. */
    static ApiException unreadable(String message) {
        return new ApiException(0, message, 400);
    }

    /** Object storage refusing an upload (a used or unknown URL, a form without its fields): HTTP 403, no MaxIM envelope. */
    static ApiException refusedUpload(String message) {
        return new ApiException(0, message, 403);
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
