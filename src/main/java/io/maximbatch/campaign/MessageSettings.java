package io.maximbatch.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;
import org.springframework.boot.convert.DurationStyle;

/** The send-message keys of a job file; `to` says whether the audience names users or groups. */
@ValidCampaign
record MessageSettings(AudienceKeys audience, Map<String, Object> message, List<SegmentKeys> segments,
                       @Range(min = 1, max = 500, message = "expected a whole number from {min} to {max}") Integer batchSize,
                       Recipients to,
                       @Pattern(regexp = "[0-9]+(ms|s|m|h|d)", message = "expected a duration such as 5m, 90s or 1h")
                       String messageResendWindow, @Valid FrequencyCapKeys frequencyCap) implements CampaignKeys {

    /** /message/send deduplicates a transaction_id only "in a short time": an older unsent batch waits for the operator. */
    static final String DEFAULT_RESEND_WINDOW = "5m";

    /** Who the audience names. */
    enum Recipients { USERS, GROUPS }

    MessageSettings {
        batchSize = batchSize == null ? 100 : batchSize;
        to = to == null ? Recipients.USERS : to;
        messageResendWindow = messageResendWindow == null ? DEFAULT_RESEND_WINDOW : messageResendWindow;
    }

    @Override
    public Duration resendWindow() {
        return DurationStyle.SIMPLE.parse(messageResendWindow);
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
