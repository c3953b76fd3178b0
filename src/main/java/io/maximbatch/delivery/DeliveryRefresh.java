package io.maximbatch.delivery;

import io.maximbatch.schedule.ScheduledJobs;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * In `serve`: at start and then every maxim.campaigns.delivery-refresh (15m), fetches the delivery of the campaign
 * executions finished in the last 24 h (delivery keeps arriving after the send) and stores it, so that the API, the
 * dashboard and the gauges answer from the job database.
 */
@Component
@ConditionalOnProperty(name = ScheduledJobs.ENABLED, havingValue = "true")
class DeliveryRefresh implements SmartLifecycle {

    static final String INTERVAL = "maxim.campaigns.delivery-refresh";
    /** How long after its end a campaign's delivery is still refreshed. */
    static final Duration WINDOW = Duration.ofHours(24);
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRefresh.class);

    private final CampaignDelivery delivery;
    private final Duration interval;
    private ThreadPoolTaskScheduler scheduler;

    DeliveryRefresh(CampaignDelivery delivery, @Value("${" + INTERVAL + ":15m}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(INTERVAL + " must be a positive duration such as 15m, not " + interval);
        }
        this.delivery = delivery;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("delivery-");
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::refresh, Instant.now(), interval);
    }

    private void refresh() {
        try {
            int refreshed = delivery.refreshFinishedSince(LocalDateTime.now().minus(WINDOW));
            LOG.debug("delivery refreshed for {} campaign execution(s)", refreshed);
        } catch (RuntimeException e) {
            // The job database may be briefly unreachable: the next round tries again.
            LOG.warn("delivery refresh failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
