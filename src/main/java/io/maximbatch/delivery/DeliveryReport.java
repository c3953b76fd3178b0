package io.maximbatch.delivery;

import io.maximbatch.campaign.SendLedger.SentBatch;
import io.maximbatch.maxim.PushTaskDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery of a campaign execution's run, per channel and in total, and per push step: the document of
 * `campaign-report --json` and of GET /api/executions/{id}/delivery. unknown: sent batches whose delivery MaxIM did
 * not tell (its answer had no task id, or it reported nothing for the task), with the audience they carried.
 */
public record DeliveryReport(long execution, String job, Figures total, Map<String, Figures> channels, List<Step> steps, Unknown unknown,
                             Instant fetchedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Targets (valid for the channel), sent, delivered; unreachable = targets - sent; deliveryRate = delivered / targets (null: no targets). */
    public record Figures(long targets, long sent, long delivered, long unreachable, Double deliveryRate) {

        static Figures of(long targets, long sent, long delivered) {
            return new Figures(targets, sent, delivered, targets - sent, targets == 0 ? null : (double) delivered / targets);
        }

        Figures plus(Figures other) {
            return of(targets + other.targets, sent + other.sent, delivered + other.delivered);
        }
    }

    /** Sent batches without delivery figures ("no task id", or a task MaxIM did not report), and their audience (ledger rows). */
    public record Unknown(int batches, long audience) {

        Unknown plus(Unknown other) {
            return new Unknown(batches + other.batches, audience + other.audience);
        }
    }

    /** One push step of the run: its tasks (distinct task ids), what is unknown, its figures. */
    public record Step(String name, int tasks, Unknown unknown, Figures total, Map<String, Figures> channels) {
    }

    /** The report of these sent push batches (one run's) from the details MaxIM gave for their tasks; each task counted once. */
    static DeliveryReport of(long execution, String job, List<SentBatch> batches, Map<Long, PushTaskDetails.Detail> details, Instant fetchedAt) {
        Map<String, List<SentBatch>> byStep = new LinkedHashMap<>();
        batches.forEach(b -> byStep.computeIfAbsent(b.stepName(), k -> new ArrayList<>()).add(b));
        List<Step> steps = new ArrayList<>();
        byStep.forEach((name, stepBatches) -> steps.add(step(name, stepBatches, details)));
        Map<String, Figures> channels = none();
        Unknown unknown = new Unknown(0, 0);
        for (Step step : steps) {
            step.channels().forEach((channel, f) -> channels.merge(channel, f, Figures::plus));
            unknown = unknown.plus(step.unknown());
        }
        return new DeliveryReport(execution, job, sum(channels), channels, steps, unknown, fetchedAt);
    }

    private static Step step(String name, List<SentBatch> batches, Map<Long, PushTaskDetails.Detail> details) {
        Set<Long> tasks = new LinkedHashSet<>();
        Unknown unknown = new Unknown(0, 0);
        for (SentBatch batch : batches) {
            if (batch.taskId() == null || !details.containsKey(batch.taskId())) {
                unknown = unknown.plus(new Unknown(1, batch.targets()));
            }
            if (batch.taskId() != null) {
                tasks.add(batch.taskId());
            }
        }
        Map<String, Figures> channels = none();
        tasks.stream().filter(details::containsKey).forEach(task -> details.get(task).channels().forEach((channel, c) ->
                channels.merge(channel, Figures.of(c.target(), c.sent(), c.received()), Figures::plus)));
        return new Step(name, tasks.size(), unknown, sum(channels), channels);
    }

    private static Map<String, Figures> none() {
        Map<String, Figures> channels = new LinkedHashMap<>();
        PushTaskDetails.CHANNELS.forEach(channel -> channels.put(channel, Figures.of(0, 0, 0)));
        return channels;
    }

    private static Figures sum(Map<String, Figures> channels) {
        return channels.values().stream().reduce(Figures.of(0, 0, 0), Figures::plus);
    }

    /** The JSON document. */
    public String json() {
        return JSON.writeValueAsString(this);
    }

    static DeliveryReport fromJson(String json) {
        return JSON.readValue(json, DeliveryReport.class);
    }
}
