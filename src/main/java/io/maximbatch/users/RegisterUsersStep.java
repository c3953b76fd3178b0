package io.maximbatch.users;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximProperties;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.outcome.Tally;
import io.maximbatch.source.SourceRecord;
import io.maximbatch.source.SourceSpec;
import io.maximbatch.source.Sources;
import io.maximbatch.step.ChangedRowsReader;
import io.maximbatch.step.Check;
import io.maximbatch.step.ChunkSteps;
import io.maximbatch.step.Decision;
import io.maximbatch.step.Expectations;
import io.maximbatch.step.Reads;
import io.maximbatch.step.StepRun;
import io.maximbatch.step.StepType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** `type: register-users`: read users, decide each through the ID map, register them once, report the rejects. */
@Component
class RegisterUsersStep implements StepType<RegisterUsersSettings> {

    static final int MAX_BATCH = 100;
    /** Users per /user/register/batch call unless the job file says otherwise: one call registers many. */
    static final int DEFAULT_BATCH = 50;

    private final ChunkSteps chunkSteps;
    private final ObjectProvider<MaximClient> client;
    private final ObjectProvider<ItemCalls> items;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final UserMap userMap;
    private final AppliedState applied;
    private final RejectReportListener rejectReport;
    private final RewrittenNames rewrittenNames;
    private final MaximProperties maxim;

    RegisterUsersStep(ChunkSteps chunkSteps, ObjectProvider<MaximClient> client, ObjectProvider<ItemCalls> items,
                      ObjectProvider<ConcurrentCalls> calls, UserMap userMap, AppliedState applied, RejectReportListener rejectReport,
                      RewrittenNames rewrittenNames, MaximProperties maxim) {
        this.chunkSteps = chunkSteps;
        this.client = client;
        this.items = items;
        this.calls = calls;
        this.userMap = userMap;
        this.applied = applied;
        this.rejectReport = rejectReport;
        this.rewrittenNames = rewrittenNames;
        this.maxim = maxim;
    }

    @Override
    public String type() {
        return "register-users";
    }

    @Override
    public Class<RegisterUsersSettings> settingsClass() {
        return RegisterUsersSettings.class;
    }

    /** Registration, then the accounts' attributes (profile, avatar, tags, alias, disabled) from the same rows. */
    @Override
    public List<String> stepNames(String name) {
        return List.of(RewrittenNames.stepName(name), name, attributesStep(name));
    }

    static String attributesStep(String name) {
        return name + "-attributes";
    }

    @Override
    public SourceSpec splitSource(RegisterUsersSettings settings) {
        return settings.source().spec();
    }

    @Override
    public List<Step> steps(StepRun<RegisterUsersSettings> run) {
        RegisterUsersSettings settings = run.settings();
        List<Step> steps = new ArrayList<>();
        Function<SourceRecord, UserRow> rows = rows(settings);
        if (settings.usernames() == Usernames.REWRITE) {
            // Every name is decided before anyone is registered: MaxIM's own names first, whatever their place.
            steps.add(chunkSteps.tasklet(RewrittenNames.stepName(run.name()), rewrittenNames.planStep(run.job().name(), () -> reader(settings, run.queryParameters()),
                    rows)));
            rows = rewrittenNames.inRun(rows);
        }
        Function<SourceRecord, UserRow> runRows = rows;
        steps.add(chunkSteps.build(run, run.name(), settings.batchSize(), partition -> new ChunkSteps.Parts<>(
                () -> registrationReader(settings, run.queryParameters()), runRows,
                records -> new UserRegistrationWriter(records, calls.getObject(),
                        new UserRegistrationWriter.Uses(items.getObject(), client.getObject(), userMap, settings)))));
        if (carriesAttributes(settings, run)) {
            steps.add(chunkSteps.build(run, attributesStep(run.name()), AttributeWriter.BATCH, partition -> new ChunkSteps.Parts<>(
                    () -> new ChangedRowsReader<>(reader(settings, run.queryParameters()), unlessBroken(runRows),
                            (chunk, instance) -> needsWriter(AttributeDecision.decideAll(chunk, userMap, applied, instance))),
                    unlessBroken(runRows),
                    records -> new AttributeWriter(records, calls.getObject(), new AttributeWriter.Uses(client.getObject(), userMap, applied)))));
        }
        return steps;
    }

    /** Which rows the attributes writer has something to do with: the others are passed over as already done. */
    private static List<Boolean> needsWriter(List<? extends Decision<?>> decisions) {
        return decisions.stream().map(decision -> !decision.nothingToDo()).toList();
    }

    /** The step's source, with the columns its settings need. */
    private static ItemStreamReader<SourceRecord> reader(RegisterUsersSettings settings, Map<String, Object> queryParameters) {
        return Sources.reader(settings.source().spec(), settings.requiredColumns(), queryParameters);
    }

    /** The registration's reader, which keeps a resumed run to the password scheme it began with. */
    private static ItemStreamReader<SourceRecord> registrationReader(RegisterUsersSettings settings, Map<String, Object> queryParameters) {
        return new PasswordSchemeGuard(reader(settings, queryParameters), settings.password().passwordScheme());
    }

    /**
     * The step's rows, each with its password read or derived for the app the run targets (the key is read here, once
     * per step); names as read.
     */
    private Function<SourceRecord, UserRow> rows(RegisterUsersSettings settings) {
        Passwords passwords = Passwords.of(settings.password(), maxim.appId());
        return record -> UserRow.of(record, passwords);
    }

    /**
     * A rehearsal's rows: with `usernames: rewrite`, the names decided in memory first (withIdMap: against the ID map
     * and MaxIM too, read-only); rewritten[0] gets their count.
     */
    private Function<SourceRecord, UserRow> rehearsalRows(RegisterUsersSettings settings, Map<String, Object> queryParameters, boolean withIdMap,
                                                   long[] rewritten) {
        Function<SourceRecord, UserRow> rows = rows(settings);
        if (settings.usernames() != Usernames.REWRITE) {
            return rows;
        }
        UsernameAssignment.InMemory names = rewrittenNames.rehearse(() -> reader(settings, queryParameters), rows, withIdMap);
        rewritten[0] = names.rewrittenCount();
        return RewrittenNames.rehearsed(rows, names);
    }

    /** A row the users step rejects by its rules is reported there; the attributes step filters it out. */
    private static Function<SourceRecord, UserRow> unlessBroken(Function<SourceRecord, UserRow> rows) {
        return record -> {
            UserRow row = rows.apply(record);
            return UserDecision.broken(row).isPresent() ? null : row;
        };
    }

    /**
     * Whether the source has any account column (nickname, avatar, tags, ...): only then does the job have an
     * attributes step, so that a source without them is read once. A source that cannot be asked gets the step (its
     * run then says what is wrong).
     */
    private static boolean carriesAttributes(RegisterUsersSettings settings, StepRun<RegisterUsersSettings> run) {
        try {
            return !Sources.present(settings.source().spec(), AccountFields.COLUMNS, run.queryParameters()).isEmpty();
        } catch (RuntimeException cannotAsk) {
            return true;
        }
    }

    /** The rows a run would reject by the rules and as duplicates of the input (the first row wins); no ID map. */
    @Override
    public void check(RegisterUsersSettings settings, Check check) {
        Tally tally = new Tally();
        Tally attributes = new Tally();
        Set<String> registered = new HashSet<>();
        decideAll(settings, check.queryParameters(), false, (row, decision) -> {
            tally.add(row.line(), row.asRead(), decision.ifSent());
            if (decision.sends()) {
                registered.add(row.legacyId());
                Outcome unusable = row.account().uploadsAvatar() ? AttributeDecision.unusable(row.account().avatarImage()) : null;
                if (unusable != null) {
                    attributes.add(row.line(), row.asRead(), unusable);
                }
            }
        });
        check.add(settings.source().spec().describe(), tally);
        check.add(settings.source().spec().describe(), attributes);
        check.foreseen().users(registered);
    }

    @Override
    public void expect(RegisterUsersSettings settings, Expectations expectations) {
        decideAll(settings, expectations.queryParameters(), true, (row, decision) -> {
            if (decision.sends()) {
                expectations.user(row.line(), row.legacyId(), row.username());
                expectations.account(row.legacyId(), AccountAttribute.expected(row.account(), uploadedAvatar(row)));
            } else {
                expectations.rejected();
            }
        });
    }

    /** The URL the row's picture was set to, as the ledger records it with the hash of these very bytes; null: no usable picture. */
    private String uploadedAvatar(UserRow row) {
        AvatarImage image = row.account().uploadsAvatar() ? row.account().avatarImage().image() : null;
        if (image == null) {
            return null;
        }
        AppliedState.Key key = AttributeChange.key(row.legacyId(), AccountAttribute.AVATAR);
        AppliedState.State state = applied.find(List.of(key)).get(key);
        String hash = AppliedState.hash(image.value());
        return state != null && hash.equals(state.applied()) && state.appliedValue() != null ? state.appliedValue() : AccountAttribute.NOT_UPLOADED;
    }

    /** Every row through the decision with only the input itself to look up (and its names, withIdMap: the ID map's). */
    private void decideAll(RegisterUsersSettings settings, Map<String, Object> queryParameters, boolean withIdMap, BiConsumer<UserRow, Decision<Registration>> each) {
        UserLookups lookups = UserLookups.forRehearsal();
        Function<SourceRecord, UserRow> rows = rehearsalRows(settings, queryParameters, withIdMap, new long[1]);
        Reads.all(reader(settings, queryParameters), record -> {
            UserRow row = rows.apply(record);
            each.accept(row, UserDecision.decide(row, lookups));
        });
    }
}
