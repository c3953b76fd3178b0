package io.maximbatch.campaign;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two campaign step types: pushes and system messages. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignProperties.class)
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
