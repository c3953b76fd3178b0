package io.maximbatch.campaign;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * maxim.campaigns.*: frequencyCap, the cap of every campaign step that gives none of its own (none when unset); checked
 * as a job file's is, so a bad one stops the command at startup, before anything is sent.
 */
@Validated
@ConfigurationProperties("maxim.campaigns")
record CampaignProperties(@Valid FrequencyCapKeys frequencyCap) {

    FrequencyCap defaultCap() {
        return FrequencyCap.of(frequencyCap);
    }
}
