package io.maximbatch.source;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds maxim.sources.* for the job-file parser, which hands it to every database source it reads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SourceSettings.class)
class SourceConfiguration {
}
