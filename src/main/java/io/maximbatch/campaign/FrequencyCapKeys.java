package io.maximbatch.campaign;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.Range;

/** `frequency-cap: {max: N, per: 24h}` on a campaign step, or `maxim.campaigns.frequency-cap` (the default of every step). */
record FrequencyCapKeys(@NotNull(message = "missing: expected a whole number of at least 1")
                        @Range(min = 1, max = 1000, message = "expected a whole number from {min} to {max}") Integer max,
                        @NotNull(message = "missing: expected a duration such as 24h, 90m or 7d")
                        @Pattern(regexp = "0*[1-9][0-9]*(ms|s|m|h|d)", message = "expected a duration longer than 0, such as 24h, 90m or 7d") String per) {
}
