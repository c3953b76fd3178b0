package io.maximbatch.campaign;

import org.springframework.stereotype.Component;

/** `type: push-campaign`: /push/notify to segments of users (or tags, aliases, everybody), each target once per run. */
@Component
class PushCampaignStepFactory extends CampaignStepFactory {

    PushCampaignStepFactory(CampaignSteps steps, CampaignPlanner planner) {
        super("push-campaign", CampaignSettings.PUSH_KEYS, CampaignSettings::push, PushDispatcher::new, steps, planner);
    }
}
