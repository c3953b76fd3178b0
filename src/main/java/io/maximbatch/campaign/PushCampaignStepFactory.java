package io.maximbatch.campaign;

import io.maximbatch.jobfile.CommonStepSettings;
import io.maximbatch.source.SourcePartitioner;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.stereotype.Component;

/** `type: push-campaign`: /push/notify to segments of users (or tags, aliases, everybody), each target once per run. */
@Component
class PushCampaignStepFactory extends CampaignStepFactory {

    PushCampaignStepFactory(CampaignSteps steps, CampaignPlanner planner) {
        super("push-campaign", CampaignSettings.PUSH_KEYS, CampaignSettings::push, PushDispatcher::new, steps, planner);
    }

    @Override
    public boolean partitionable() {
        return true;
    }

    /** Splits the one audience source's records (CampaignSettings.push allows partitions only then). */
    @Override
    public Partitioner partitioner(Object settings, CommonStepSettings common) {
        Audience audience = ((CampaignSettings) settings).segments().get(0).audience();
        return new SourcePartitioner(audience.source(), Audience.queryParameters(common.jobParameters()));
    }
}
