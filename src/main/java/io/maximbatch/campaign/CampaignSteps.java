package io.maximbatch.campaign;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two campaign step types: pushes and system messages. */
@Configuration(proxyBeanMethods = false)
class CampaignSteps {

    @Bean
    CampaignStep<PushSettings> pushCampaignStep(CampaignStep.Deps deps) {
        return CampaignStep.push(deps);
    }

    @Bean
    CampaignStep<MessageSettings> sendMessageStep(CampaignStep.Deps deps) {
        return CampaignStep.message(deps);
    }
}
