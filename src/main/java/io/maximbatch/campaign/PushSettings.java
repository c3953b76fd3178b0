package io.maximbatch.campaign;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;

/** The push-campaign keys of a job file. */
@ValidCampaign
record PushSettings(AudienceKeys audience, Map<String, Object> message, List<SegmentKeys> segments,
                    @Range(min = 1, max = PushDispatcher.MAX_TARGETS, message = "expected a whole number from {min} to {max}")
                    Integer batchSize, @Valid FrequencyCapKeys frequencyCap) implements CampaignKeys {

    PushSettings {
        batchSize = batchSize == null ? PushDispatcher.MAX_TARGETS : batchSize;
    }

    @Override
    public boolean push() {
        return true;
    }
}
