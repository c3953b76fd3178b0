package io.maximbatch.campaign;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.StepDefinition;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.PushTaskDetails;
import io.maximbatch.step.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * A test send (`run <campaign-job> --test-to`, POST /api/jobs/{name}/test-send): every segment's message of every
 * campaign step, filled from the run's parameters as a run fills it, sent by the step's own dispatcher to the named
 * people only. Nothing is written to the send ledger, so a later run still reaches them once and no frequency cap
 * counts it; its keys are of its own (BatchKeys.testRequestId), never a run batch's.
 */
@Service
public class TestSends {

    private static final Logger LOG = LoggerFactory.getLogger(TestSends.class);

    private final UserMap userMap;
    private final ObjectProvider<MaximClient> client;
    private final Duration deliveryWait;

    TestSends(UserMap userMap, ObjectProvider<MaximClient> client, @Value("${maxim.campaigns.test-send-wait:5s}") Duration deliveryWait) {
        this.userMap = userMap;
        this.client = client;
        this.deliveryWait = deliveryWait;
    }

    /** Throws IllegalArgumentException (bad usage) for a job without a campaign step, no one named, or a template without its parameter. */
    public TestSendReport send(JobFile file, Map<String, String> parameters, List<String> legacyIds) throws InterruptedException {
        return send(file, parameters, legacyIds, notice -> { });
    }

    /** notices: told before the delivery wait, so that a person at a terminal knows why nothing happens for a while. */
    public TestSendReport send(JobFile file, Map<String, String> parameters, List<String> legacyIds, Consumer<String> notices)
            throws InterruptedException {
        List<StepDefinition<?>> campaigns = file.steps().stream().filter(s -> s.kind() instanceof CampaignStep<?>).toList();
        if (campaigns.isEmpty()) {
            throw new IllegalArgumentException(file.name() + " has no campaign step (push-campaign or send-message): a test send sends"
                    + " a campaign's messages");
        }
        List<String> named = new ArrayList<>(new LinkedHashSet<>(legacyIds.stream().map(String::strip).filter(id -> !id.isEmpty()).toList()));
        if (named.isEmpty()) {
            throw new IllegalArgumentException("a test send needs the legacy ids of the people to send it to (--test-to L1,L2)");
        }
        Map<String, String> filledWith = file.withDefaults(parameters);
        List<CampaignSettings> settings = campaigns.stream()
                .map(step -> ((CampaignKeys) step.settings()).settings(step.name()).filled(filledWith, step.name())).toList();
        List<TestSendReport.NotSent> notSent = new ArrayList<>();
        Map<String, Long> reached = resolve(named, settings.get(0).segments(), notSent);
        List<TestSendReport.Sent> sent = new ArrayList<>();
        if (!reached.isEmpty()) {
            LOG.info("Test send of {} to {} people", file.name(), reached.size());
            for (int i = 0; i < campaigns.size(); i++) {
                sent.addAll(send(campaigns.get(i), settings.get(i), reached));
            }
        }
        List<Long> tasks = sent.stream().map(TestSendReport.Sent::taskId).filter(Objects::nonNull).toList();
        return tasks.isEmpty() ? new TestSendReport(file.name(), sent, notSent, List.of(), null) : withDelivery(file.name(), sent, notSent, tasks, notices);
    }

    /** The named people's MaxIM ids through the run's decision (ID map, id checks); the others are listed with the run's reject code. */
    private Map<String, Long> resolve(List<String> named, List<Segment> segments, List<TestSendReport.NotSent> notSent) {
        CampaignLookups lookups = CampaignLookups.forRehearsal();
        lookups.load(CampaignWriter.ids(named, false, userMap, null));
        Map<String, Long> reached = new LinkedHashMap<>();
        for (int i = 0; i < named.size(); i++) {
            LinkedHashMap<String, String> asRead = new LinkedHashMap<>();
            asRead.put("legacy_id", named.get(i));
            AudienceEntry entry = new AudienceEntry(0, "--test-to #" + (i + 1), Audience.Kind.SOURCE, named.get(i), null, null, null, asRead);
            Decision<Target> decision = CampaignDecision.decide(entry, lookups, segments, false);
            if (decision.sends()) {
                reached.put(named.get(i), Long.parseLong(Target.value(decision.items().get(0).target)));
            } else if (decision.outcome().isRejected()) {
                notSent.add(new TestSendReport.NotSent(named.get(i), decision.outcome().why().code(), decision.outcome().why().reason()));
            }
        }
        return reached;
    }

    /** Each segment's message to all of them, in calls of at most the step's batch size; a failed call is reported, the others go on. */
    private List<TestSendReport.Sent> send(StepDefinition<?> step, CampaignSettings settings, Map<String, Long> reached) {
        Dispatcher dispatcher = ((CampaignStep<?>) step.kind()).dispatcher(settings.batchSize());
        List<String> legacyIds = List.copyOf(reached.keySet());
        int perCall = dispatcher.maxBatch("user");
        List<TestSendReport.Sent> sent = new ArrayList<>();
        for (Segment segment : settings.segments()) {
            for (int from = 0; from < legacyIds.size(); from += perCall) {
                List<String> to = legacyIds.subList(from, Math.min(legacyIds.size(), from + perCall));
                List<Long> ids = to.stream().map(reached::get).toList();
                Map<String, String> texts = texts(segment.message());
                try {
                    Dispatcher.Receipt receipt = dispatcher.sendTest(segment, ids.stream().map(String::valueOf).toList(),
                            UUID.randomUUID().toString(), new CallTrace());
                    sent.add(new TestSendReport.Sent(step.name(), segment.name(), to, ids, texts, receipt.taskId(), receipt.messageIds(), null));
                } catch (MaximException e) {
                    sent.add(new TestSendReport.Sent(step.name(), segment.name(), to, ids, texts, null, List.of(), e.getMessage()));
                }
            }
        }
        return sent;
    }

    /** The texts a person sees (title, body, content, ...), as filled. */
    private static Map<String, String> texts(Map<String, Object> message) {
        Map<String, String> texts = new LinkedHashMap<>();
        message.forEach((key, value) -> {
            if (value instanceof String text && !key.equals("from-user-id")) {
                texts.put(key, text);
            }
        });
        return texts;
    }

    /** The pushes' delivery after a short wait (MaxIM counts deliveries as devices report them); a failed fetch is said, not fatal. */
    private TestSendReport withDelivery(String job, List<TestSendReport.Sent> sent, List<TestSendReport.NotSent> notSent, List<Long> tasks,
                                        Consumer<String> notices) throws InterruptedException {
        notices.accept("Sent; waiting " + deliveryWait.toSeconds() + " s before asking MaxIM for the delivery of " + tasks.size() + " push(es)");
        Thread.sleep(deliveryWait.toMillis());
        try {
            Map<Long, PushTaskDetails.Detail> details = PushTaskDetails.of(client.getObject(), tasks);
            List<TestSendReport.Delivery> delivery = tasks.stream().filter(details::containsKey)
                    .map(task -> new TestSendReport.Delivery(task, figures(details.get(task)))).toList();
            return new TestSendReport(job, sent, notSent, delivery, null);
        } catch (MaximException e) {
            return new TestSendReport(job, sent, notSent, List.of(), e.getMessage());
        }
    }

    /** A task's non-zero figures by the TaskDetail field names MaxIM gives them (apns_target, apns_sent, apns_received, ...). */
    private static Map<String, Long> figures(PushTaskDetails.Detail detail) {
        Map<String, Long> figures = new java.util.TreeMap<>(detail.fields());
        figures.values().removeIf(value -> value == 0);
        return figures;
    }
}
