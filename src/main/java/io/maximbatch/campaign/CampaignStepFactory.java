package io.maximbatch.campaign;

import io.maximbatch.jobfile.CommonStepSettings;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.StepFactory;
import io.maximbatch.jobfile.StepSpec;
import io.maximbatch.maxim.MaximClient;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.batch.core.step.Step;

/** What the push and message step types share: reading the keys, building the step, planning a dry run. */
abstract class CampaignStepFactory implements StepFactory {

    private final String type;
    private final Set<String> keys;
    private final Function<StepSpec, CampaignSettings> reader;
    private final BiFunction<MaximClient, Integer, Dispatcher> dispatcher;
    private final CampaignSteps steps;
    private final CampaignPlanner planner;

    CampaignStepFactory(String type, Set<String> keys, Function<StepSpec, CampaignSettings> reader,
                        BiFunction<MaximClient, Integer, Dispatcher> dispatcher, CampaignSteps steps, CampaignPlanner planner) {
        this.type = type;
        this.keys = keys;
        this.reader = reader;
        this.dispatcher = dispatcher;
        this.steps = steps;
        this.planner = planner;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Set<String> keys() {
        return keys;
    }

    @Override
    public Object settings(StepSpec spec) {
        return reader.apply(spec);
    }

    @Override
    public List<Step> steps(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        CampaignSettings campaign = (CampaignSettings) settings;
        return List.of(steps.build(spec.name(), campaign, common, client -> dispatcher.apply(client, campaign.batchSize())));
    }

    @Override
    public Plan plan(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        CampaignSettings campaign = (CampaignSettings) settings;
        return planner.plan(spec.name(), campaign, common.jobParameters(), campaign.batchSize(), common.chunkSize(campaign.batchSize()));
    }
}
