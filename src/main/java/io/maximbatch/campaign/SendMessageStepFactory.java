package io.maximbatch.campaign;

import io.maximbatch.jobfile.CommonStepSettings;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.StepFactory;
import io.maximbatch.jobfile.StepSpec;
import java.util.List;
import java.util.Set;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/** `type: send-message`: a system message (/message/send, text) to users or groups, each target once per run. */
@Component
class SendMessageStepFactory implements StepFactory {

    private final CampaignSteps steps;
    private final CampaignPlanner planner;

    SendMessageStepFactory(CampaignSteps steps, CampaignPlanner planner) {
        this.steps = steps;
        this.planner = planner;
    }

    @Override
    public Plan plan(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        CampaignSettings campaign = (CampaignSettings) settings;
        return planner.plan(spec.name(), campaign, common.jobParameters(), campaign.batchSize(), common.chunkSize());
    }

    @Override
    public String type() {
        return "send-message";
    }

    @Override
    public Set<String> keys() {
        return CampaignSettings.MESSAGE_KEYS;
    }

    @Override
    public Object settings(StepSpec spec) {
        return CampaignSettings.message(spec);
    }

    @Override
    public List<Step> steps(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        CampaignSettings campaign = (CampaignSettings) settings;
        return List.of(steps.build(spec.name(), campaign, common, client -> new MessageDispatcher(client, campaign.batchSize())));
    }
}
