package io.maximbatch.campaign;

import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.outcome.Tally;
import io.maximbatch.step.Check;
import io.maximbatch.step.ChunkSteps;
import io.maximbatch.step.Reads;
import io.maximbatch.step.StepRun;
import io.maximbatch.source.SourceSpec;
import io.maximbatch.step.StepType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A campaign step type, `push-campaign` (/push/notify to users, tags, aliases or everybody) or `send-message`
 * (/message/send to users or groups): its segments read in order, each target reached once per run, sent by batch
 * through the send ledger.
 */
final class CampaignStep<K extends CampaignKeys> implements StepType<K> {

    /** Audience rows `validate` decides at a time. */
    private static final int CHECK_CHUNK = 1000;

    private final String type;
    private final Class<K> keys;
    private final BiFunction<MaximClient, Integer, Dispatcher> dispatcher;
    private final boolean splittable;
    private final Deps deps;

    /** The beans a campaign step uses. */
    @Component
    record Deps(ChunkSteps chunkSteps, ObjectProvider<MaximClient> client, ObjectProvider<ConcurrentCalls> calls, UserMap userMap,
                GroupMap groupMap, SendLedger ledger, RejectReportListener rejectReport, CampaignProperties properties) {
    }

    /** splittable: whether one audience source's records can be split among partitions (pushes). */
    CampaignStep(String type, Class<K> keys, BiFunction<MaximClient, Integer, Dispatcher> dispatcher, boolean splittable, Deps deps) {
        this.type = type;
        this.keys = keys;
        this.dispatcher = dispatcher;
        this.splittable = splittable;
        this.deps = deps;
    }

    /** `type: push-campaign`. */
    static CampaignStep<PushSettings> push(Deps deps) {
        return new CampaignStep<>("push-campaign", PushSettings.class, PushDispatcher::new, true, deps);
    }

    /** `type: send-message`. */
    static CampaignStep<MessageSettings> message(Deps deps) {
        return new CampaignStep<>("send-message", MessageSettings.class, MessageDispatcher::new, false, deps);
    }

    /** A list of tags or aliases is not split among partitions: only one audience source's records are. */
    @Override
    public SourceSpec splitSource(K settings) {
        return splittable ? settings.settings(type).splitSource() : null;
    }

    @Override
    public String unpartitionable(K settings) {
        return !splittable || splitSource(settings) != null ? StepType.super.unpartitionable(settings)
                : "a push campaign can be partitioned only when its audience is one csv or jdbc source (its records are split"
                + " among the partitions; a list of tags or aliases is not)";
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Class<K> settingsClass() {
        return keys;
    }

    @Override
    public List<Step> steps(StepRun<K> run) {
        CampaignSettings filled = run.settings().settings(run.name()).withDefaultCap(deps.properties().defaultCap())
                .filled(run.parameters(), run.name());
        return List.of(deps.chunkSteps().build(chunked(run, filled), run.name(), filled.batchSize(), partition -> new ChunkSteps.Parts<AudienceEntry, AudienceEntry>(
                () -> new SegmentedAudienceReader(filled.segments(), columns(filled), run.queryParameters()), entry -> entry,
                records -> new CampaignWriter(records, deps.calls().getObject(), new CampaignWriter.Uses(filled.segments(), filled.groups(),
                        dispatcher.apply(deps.client().getObject(), filled.batchSize()), filled.resendWindow(), deps.userMap(), deps.groupMap(),
                        deps.ledger(), filled.cap())))));
    }

    /**
     * Every audience row through the campaign decision, as the run decides it: a legacy id the job's earlier steps would
     * not register (or create) is unknown, a malformed id is rejected, a target named again is already done.
     */
    @Override
    public void check(K keys, Check check) {
        CampaignSettings settings = keys.settings(type).withDefaultCap(deps.properties().defaultCap());
        settings.uncountable().forEach(segment -> check.warn(uncounted(settings, segment, keys.segments() == null)));
        Optional<Set<String>> known = settings.groups() ? check.foreseen().groups() : check.foreseen().users();
        // Stand-ins for the MaxIM ids the run would find: negative, so that none is taken for an id the audience names.
        Map<String, Long> standIns = new HashMap<>();
        CampaignLookups lookups = CampaignLookups.forRehearsal();
        List<Tally> tallies = settings.segments().stream().map(segment -> new Tally()).toList();
        Reads.chunks(new SegmentedAudienceReader(settings.segments(), columns(settings), check.queryParameters()), entry -> entry,
                CHECK_CHUNK, chunk -> {
                    Map<String, Long> ids = new HashMap<>();
                    chunk.stream().map(AudienceEntry::legacyId).filter(id -> id != null && known.map(k -> k.contains(id)).orElse(true))
                            .forEach(id -> ids.put(id, standIns.computeIfAbsent(id, n -> -1L - standIns.size())));
                    lookups.load(ids);
                    chunk.forEach(entry -> tallies.get(entry.segment()).add(entry.line(), entry.asRead(),
                            CampaignDecision.decide(entry, lookups, settings.segments(), settings.groups()).ifSent()));
                });
        for (int i = 0; i < tallies.size(); i++) {
            Audience audience = settings.segments().get(i).audience();
            check.add(audience.source() != null ? audience.source().describe() : "segment " + settings.segments().get(i).name(), tallies.get(i));
        }
    }

    /** validate's warning for a segment under a frequency cap that names no persons to count. */
    private static String uncounted(CampaignSettings settings, Segment segment, boolean onlySegment) {
        String kind = settings.groups() ? "a group" : switch (segment.audience().kind()) {
            case TAGS -> "a tag";
            case ALIASES -> "an alias";
            default -> "an `all: true`";
        };
        return "the frequency cap (" + settings.cap().max() + " per " + settings.cap().per() + ") does not apply to "
                + (onlySegment ? "its audience" : "segment " + segment.name()) + ": only an audience of user ids (legacy_id or"
                + " user_id) names persons it can count; " + kind + " audience is sent as it is";
    }

    /** How this step type sends a batch, with the run's client: for a test send, which uses the run's own dispatchers. */
    Dispatcher dispatcher(int batchSize) {
        return dispatcher.apply(deps.client().getObject(), batchSize);
    }

    /** A step of tag and alias lists is read in one chunk: each list (at most 500) goes out whole, in one call. */
    private static <K> StepRun<K> chunked(StepRun<K> run, CampaignSettings settings) {
        return settings.listEntries() > 0 ? run.withChunkSize(settings.listEntries()) : run;
    }

    private static List<String> columns(CampaignSettings settings) {
        return settings.groups() ? Audience.GROUP_COLUMNS : Audience.USER_COLUMNS;
    }
}
