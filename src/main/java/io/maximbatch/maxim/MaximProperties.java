package io.maximbatch.maxim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** maxim.* settings (environment variables such as MAXIM_ACCESS_TOKEN override them). toString hides the token. */
@ConfigurationProperties("maxim")
public record MaximProperties(URI apiEndpoint, String appId, String accessToken,
                              @DefaultValue("50") double rateLimit,
                              @DefaultValue("32") int maxInFlight,
                              @DefaultValue("30s") Duration timeout,
                              @DefaultValue("10s") Duration connectTimeout,
                              @DefaultValue Retry retry,
                              @DefaultValue Tls tls) {

    /** caFile: a PEM file of certificate authorities to trust besides the JDK's, e.g. a company CA. */
    public record Tls(Path caFile) {
    }

    public record Retry(@DefaultValue("6") int maxAttempts, @DefaultValue("200ms") Duration baseDelay,
                        @DefaultValue("2.0") double multiplier, @DefaultValue("10s") Duration maxDelay,
                        @DefaultValue("60s") Duration totalCap) {
        RetrySettings settings() {
            return new RetrySettings(maxAttempts, baseDelay, multiplier, maxDelay, totalCap);
        }
    }

    public MaximEndpoint endpoint() {
        return new MaximEndpoint(apiEndpoint, appId, accessToken);
    }

    @Override
    public String toString() {
        return "MaximProperties[apiEndpoint=" + apiEndpoint + ", appId=" + appId + ", accessToken=***, rateLimit="
                + rateLimit + ", maxInFlight=" + maxInFlight + "]";
    }
}
