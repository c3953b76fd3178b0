package io.maximbatch.campaign;

import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;

/** The send-message keys of a job file; `to` says whether the audience names users or groups. */
@ValidCampaign
record MessageSettings(AudienceKeys audience, Map<String, Object> message, List<SegmentKeys> segments,
                       @Range(min = 1, max = 500, message = "expected a whole number from {min} to {max}") Integer batchSize,
                       Recipients to) implements CampaignKeys {

    /** Who the audience names. */
    enum Recipients { USERS, GROUPS }

    MessageSettings {
        batchSize = batchSize == null ? 100 : batchSize;
        to = to == null ? Recipients.USERS : to;
    }

    @Override
    public boolean push() {
        return false;
    }

    @Override
    public boolean groups() {
        return to == Recipients.GROUPS;
    }
}
