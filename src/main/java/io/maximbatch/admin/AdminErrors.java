package io.maximbatch.admin;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the API as an RFC 9457 problem detail with a one-line reason; Spring MVC's own errors included. */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
final class AdminErrors extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminErrors.class);

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail problem(ApiProblem e) {
        if (e.status() == HttpStatus.INTERNAL_SERVER_ERROR) {
            return unexpected(e);
        }
        return ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /**
     * A failure of ours: the caller gets one generic line and an incident number; the log gets the causes' types,
     * not their messages, which can quote SQL and the values the caller sent.
     */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String incident = Long.toString(ThreadLocalRandom.current().nextLong(1L << 32, 1L << 36), 36);
        StringBuilder causes = new StringBuilder(e instanceof ApiProblem ? e.getMessage() : e.getClass().getName());
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = e.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            causes.append(" <- ").append(cause.getClass().getName());
        }
        StackTraceElement[] where = e.getStackTrace();
        LOG.error("admin API request failed (incident {}): {}{}", incident, causes, where.length == 0 ? "" : " at " + where[0]);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request failed on the server (incident " + incident + "; see the serve log)");
    }
}
