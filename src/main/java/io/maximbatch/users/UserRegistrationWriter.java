package io.maximbatch.users;

import static io.maximbatch.users.UserReject.DUPLICATE_LEGACY_ID;
import static io.maximbatch.users.UserReject.DUPLICATE_USERNAME;
import static io.maximbatch.users.UserReject.REFUSED;
import static io.maximbatch.users.UserReject.USER_ID_ALREADY_MAPPED;

import io.maximbatch.ledger.Claim;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.ledger.UserMapping;
import io.maximbatch.ledger.UserMapping.Origin;
import io.maximbatch.ledger.UserMapping.State;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.ItemResult;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximModel.Credentials;
import io.maximbatch.maxim.MaximModel.UserInfo;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Registers a chunk of users: the ID map decides first (already done, duplicate, to send); a PENDING row is
 * committed before each call and becomes DONE with the MaxIM user id after it, so that no registration that
 * succeeded is ever sent again by a retry, a restart or a crash.
 */
final class UserRegistrationWriter extends OutcomeWriter<UserRow, Registration, Registered, UserRegistrationWriter.Uses> {

    /** Calls per slice of a chunk: about a quarter of a second at 200 requests/second. */
    private static final int SLICE_CALLS = 50;
    /**
     * Seconds of calls queued ahead: a slice is settled only when all its calls are, so a call waiting out a 429's
     * Retry-After (1 s from the sandbox) held up the slices behind it. Measured with JFR at 100 ms and 200/s: with 2
     * slices ahead (0.5 s), 8 early 429s stopped the sends for most of a second (78 calls in it instead of 198).
     */
    static final double SECONDS_AHEAD = 1.5;
    private static final int MOST_SLICES_AHEAD = 20;

    /** What it works with: the registration calls, the user look-up, the ID map and the step's settings. */
    record Uses(ItemCalls items, MaximClient client, UserMap userMap, RegisterUsersSettings settings) {
    }

    UserRegistrationWriter(StepRecords records, ConcurrentCalls calls, Uses uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<Registration>> decide(List<? extends UserRow> chunk) {
        UserLookups lookups = UserLookups.forChunk(records.instanceId(),
                uses.userMap().findByLegacyIds(chunk.stream().map(UserRow::legacyId).filter(id -> id != null).toList()),
                uses.userMap().findByUsernames(chunk.stream().map(UserRow::username).filter(name -> name != null).toList()));
        List<Decision<Registration>> decisions = chunk.stream().map(row -> UserDecision.decide(row, lookups)).toList();
        // Done by an earlier run: this run covers it now, so that the same legacy id later in its input is a duplicate.
        uses.userMap().claim(alreadyDone(chunk, decisions).stream().map(row -> new Claim(row.legacyId(),
                row.line())).toList(), records.instanceId());
        return decisions;
    }

    /** Slices queued at once: at least 2 (the next slice's ID-map rows are written while one is sent), 1.5 s of calls. */
    static int slicesAhead(double rate) {
        return (int) Math.max(2, Math.min(MOST_SLICES_AHEAD, Math.ceil(rate * SECONDS_AHEAD / SLICE_CALLS)));
    }

    @Override
    protected RuntimeException send(List<Registration> registrations, Map<Registration, Registered> settled) {
        return sendInSlices(registrations, SLICE_CALLS * uses.settings().batchSize(), slicesAhead(rate()), settled);
    }

    /**
     * The PENDING rows, committed; a row another writer put in the ID map after this chunk looked (another partition
     * reading the same legacy id or username further on in the input) is a duplicate, rejected as such, not sent.
     */
    @Override
    protected List<Registration> beforeCalls(List<Registration> registrations, Map<Registration, Registered> settled) {
        Set<String> taken = uses.userMap().savePending(pending(registrations, false), pending(registrations, true));
        if (taken.isEmpty()) {
            return registrations;
        }
        Map<String, UserMapping> byLegacyId = uses.userMap().findByLegacyIds(taken);
        List<Registration> sending = new ArrayList<>();
        for (Registration registration : registrations) {
            UserRow row = registration.row();
            if (!taken.contains(row.legacyId())) {
                sending.add(registration);
            } else if (byLegacyId.containsKey(row.legacyId())) {
                settled.put(registration, Registered.rejected(DUPLICATE_LEGACY_ID.why(row.legacyId(), byLegacyId.get(row.legacyId()).sourceLine())));
            } else {
                UserMapping other = uses.userMap().findByUsernames(List.of(row.username())).get(row.username());
                settled.put(registration, Registered.rejected(DUPLICATE_USERNAME.why(row.username(),
                        other == null ? "?" : other.legacyId(), other == null ? "?" : other.sourceLine())));
            }
        }
        return sending;
    }

    private List<UserMapping> pending(List<Registration> registrations, boolean resumed) {
        return registrations.stream().filter(r -> r.resumed() == resumed)
                .map(r -> new UserMapping(r.row().legacyId(), r.row().username(), null, State.PENDING, Origin.CREATED,
                        records.instanceId(), records.executionId(), r.row().line(), r.row().legacyUsername()))
                .toList();
    }

    /** One call per batch of registrations: /user/register/batch, or /user/register/v2 with batch-size 1. */
    @Override
    protected List<Callable<Map<Registration, Registered>>> calls(List<Registration> registrations) {
        List<Callable<Map<Registration, Registered>>> calls = new ArrayList<>();
        batches(registrations, uses.settings().batchSize(), batch -> uses.items().register(batch.stream()
                .map(r -> new Credentials(r.row().username(), r.row().password())).toList(), uses.settings().batchSize() > 1), this::registered, calls);
        return calls;
    }

    private Registered registered(Registration registration, ItemResult<Long> result) {
        return switch (result.status()) {
            case DONE -> Registered.written(result.value());
            case REFUSED -> Registered.rejected(REFUSED.answered(result.code(), result.reason()));
            case FAILED -> Registered.failed(result.failure());
            // Only invites wait for consent; a registration answered so is a bug, not a user to count.
            case PENDING -> Registered.failed(new IllegalStateException("a registration answered as pending"));
            case ALREADY_DONE -> {
                boolean maybeOurs = registration.resumed() || result.maybeOurs();
                try {
                    Optional<Long> userId = UserDecision.looksUp(maybeOurs, uses.settings().onExisting())
                            ? uses.client().findUser(registration.row().username()).map(UserInfo::userId) : Optional.empty();
                    yield UserDecision.existing(registration, maybeOurs, uses.settings().onExisting(), userId);
                } catch (RuntimeException e) {
                    yield Registered.failed(e);
                }
            }
        };
    }

    /** DONE rows with their user ids, refused PENDING rows dropped (a corrected input may try again). */
    @Override
    protected Map<Registration, Registered> afterCalls(Map<Registration, Registered> results) {
        List<UserMap.Done> done = new ArrayList<>();
        Map<String, Registration> byLegacyId = new HashMap<>();
        List<String> refused = new ArrayList<>();
        results.forEach((registration, result) -> {
            if (result.userId() != null) {
                done.add(new UserMap.Done(registration.row().legacyId(), result.userId(), result.origin()));
                byLegacyId.put(registration.row().legacyId(), registration);
            } else if (result.outcome() != null) {
                refused.add(registration.row().legacyId());
            }
            // Neither: its call failed; its PENDING row stays for the resumed run.
        });
        Map<Registration, Registered> kept = new HashMap<>(results);
        for (String legacyId : uses.userMap().markDone(done)) {
            // Two legacy users must never share one MaxIM user.
            Registration registration = byLegacyId.get(legacyId);
            kept.put(registration, Registered.rejected(USER_ID_ALREADY_MAPPED.why(results.get(registration).userId())));
            refused.add(legacyId);
        }
        uses.userMap().deletePending(refused);
        return kept;
    }
}
