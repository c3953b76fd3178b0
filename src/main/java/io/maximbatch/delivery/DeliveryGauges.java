package io.maximbatch.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * maxim.batch.push.targets, .sent and .delivered (Prometheus: maxim_batch_push_targets, ...), tagged job and channel:
 * the stored figures of each job's newest campaign execution that has some.
 */
@Component
class DeliveryGauges {

    private final MultiGauge targets;
    private final MultiGauge sent;
    private final MultiGauge delivered;

    DeliveryGauges(ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable(() -> Metrics.globalRegistry);
        this.targets = MultiGauge.builder("maxim.batch.push.targets").description("valid push targets of the job's latest campaign run, per channel")
                .register(registry);
        this.sent = MultiGauge.builder("maxim.batch.push.sent").description("pushes sent in the job's latest campaign run, per channel")
                .register(registry);
        this.delivered = MultiGauge.builder("maxim.batch.push.delivered")
                .description("pushes delivered in the job's latest campaign run, per channel").register(registry);
    }

    /** Shows these reports (one per job). */
    void show(List<DeliveryReport> latestPerJob) {
        targets.register(rows(latestPerJob, DeliveryReport.Figures::targets), true);
        sent.register(rows(latestPerJob, DeliveryReport.Figures::sent), true);
        delivered.register(rows(latestPerJob, DeliveryReport.Figures::delivered), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<DeliveryReport> reports, ToLongFunction<DeliveryReport.Figures> figure) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        reports.forEach(report -> report.channels().forEach((channel, figures) -> rows.add(MultiGauge.Row.of(
                Tags.of("job", report.job(), "channel", channel), figure.applyAsLong(figures)))));
        return rows;
    }
}
