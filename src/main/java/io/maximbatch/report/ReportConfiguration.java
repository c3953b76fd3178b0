package io.maximbatch.report;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    @Bean
    RejectReportListener rejectReportListener(RejectStore store, @Value("${maxim.rejects-dir:./rejects}") Path rejectsDir,
                                              @Value("${maxim.internal.dry-run:false}") boolean dryRun) {
        return new RejectReportListener(store, rejectsDir, dryRun);
    }
}
