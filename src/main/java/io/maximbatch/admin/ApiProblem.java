package io.maximbatch.admin;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the status and the one-line reason the caller gets as a problem detail. */
final class ApiProblem extends RuntimeException {

    private final HttpStatus status;

    ApiProblem(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    ApiProblem(HttpStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static ApiProblem notFound(String message) {
        return new ApiProblem(HttpStatus.NOT_FOUND, message);
    }

    static ApiProblem conflict(String message) {
        return new ApiProblem(HttpStatus.CONFLICT, message);
    }

    static ApiProblem badRequest(String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, message);
    }
}
