package io.maximbatch.campaign;

import org.springframework.stereotype.Component;

/** `type: send-message`: a system message (/message/send, text) to users or groups, each target once per run. */
@Component
class SendMessageStepFactory extends CampaignStepFactory {

    SendMessageStepFactory(CampaignSteps steps, CampaignPlanner planner) {
        super("send-message", CampaignSettings.MESSAGE_KEYS, CampaignSettings::message, MessageDispatcher::new, steps, planner);
    }
}
