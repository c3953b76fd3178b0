package io.maximbatch.admin;

import io.maximbatch.maxim.CallGuard;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The process-wide MaxIM rate limit, changed live for the calls of running jobs. */
@RestController
@RequestMapping("/api/rate-limit")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class RateLimitController {

    private final CallGuard guard;

    RateLimitController(CallGuard guard) {
        this.guard = guard;
    }

    record RateLimit(Double requestsPerSecond) {
    }

    @GetMapping
    RateLimit rateLimit() {
        return new RateLimit(guard.rate());
    }

    @PutMapping
    RateLimit change(@RequestBody RateLimit change) {
        if (change.requestsPerSecond() == null) {
            throw ApiProblem.badRequest("requestsPerSecond is missing");
        }
        guard.setRate(change.requestsPerSecond());
        return new RateLimit(guard.rate());
    }
}
