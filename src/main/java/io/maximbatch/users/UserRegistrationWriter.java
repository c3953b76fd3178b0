package io.maximbatch.users;

import io.maximbatch.ledger.UserMap;
import io.maximbatch.ledger.UserMapping;
import io.maximbatch.ledger.UserMapping.Origin;
import io.maximbatch.ledger.UserMapping.State;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.ErrorCodes;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.MaximModel.BatchRegistration;
import io.maximbatch.maxim.MaximModel.Credentials;
import io.maximbatch.maxim.MaximModel.UserInfo;
import io.maximbatch.report.ChunkTally;
import io.maximbatch.report.StepRecords;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Registers a chunk of users. The ID map decides first (already done, duplicate, to send); a PENDING row is
 * committed before each call; calls go out concurrently in batches; each item's outcome is decided here, so
 * no call that succeeded is ever sent again by a retry, a restart or a crash.
 */
final class UserRegistrationWriter implements ItemWriter<UserCandidate> {

    /** Calls per slice of a chunk: about a quarter of a second at 200 requests/second. */
    private static final int SLICE_CALLS = 50;
    /** Slices queued at once: enough to keep the calls going while the next slice's ID-map rows are written. */
    private static final int SLICES_AHEAD = 2;

    private static final Pattern LEADING_CODE = Pattern.compile("^\\s*(\\d{5})\\b");

    private final MaximClient client;
    private final ConcurrentCalls calls;
    private final UserMap userMap;
    private final RegisterUsersSettings settings;
    private final StepRecords records;

    UserRegistrationWriter(MaximClient client, ConcurrentCalls calls, UserMap userMap, RegisterUsersSettings settings,
                           StepRecords records) {
        this.client = client;
        this.calls = calls;
        this.userMap = userMap;
        this.settings = settings;
        this.records = records;
    }

    @Override
    public void write(Chunk<? extends UserCandidate> chunk) {
        Outcomes outcomes = new Outcomes();
        List<UserCandidate> valid = new ArrayList<>();
        for (UserCandidate candidate : chunk) {
            if (candidate.isValid()) {
                valid.add(candidate);
            } else {
                outcomes.reject(candidate.row(), candidate.rejectCode(), candidate.rejectReason());
            }
        }
        List<Attempt> attempts = decide(valid, outcomes);
        RuntimeException fatal = send(attempts, outcomes);
        if (fatal != null) {
            // Successes are saved; the chunk rolls back and a resumed run finds them in the ID map.
            throw fatal;
        }
        records.save(outcomes.tally);
    }

    /**
     * Sends the attempts in slices: a slice's PENDING rows are saved just before its calls start, and its DONE rows
     * as soon as its calls end, so that the ID map's work overlaps the calls of the other slices and a chunk does
     * not stand idle between its reads and its calls. Returns a fatal failure, if any, after every started call.
     */
    private RuntimeException send(List<Attempt> attempts, Outcomes outcomes) {
        int sliceSize = SLICE_CALLS * settings.batchSize();
        Deque<Slice> inFlight = new ArrayDeque<>();
        RuntimeException fatal = null;
        try {
            for (int i = 0; i < attempts.size() && fatal == null; i += sliceSize) {
                // At most SLICES_AHEAD slices queued: a fatal answer stops the slices after them from being sent.
                while (fatal == null && (inFlight.size() >= SLICES_AHEAD || (!inFlight.isEmpty() && inFlight.peek().calls.isDone()))) {
                    fatal = settle(inFlight.poll(), outcomes);
                }
                if (fatal != null) {
                    break;
                }
                List<Attempt> slice = attempts.subList(i, Math.min(attempts.size(), i + sliceSize));
                Set<String> taken = userMap.savePending(pending(slice, false), pending(slice, true));
                if (!taken.isEmpty()) {
                    slice = withoutTaken(slice, taken, outcomes);
                }
                inFlight.add(new Slice(slice, calls.submitAll(tasks(slice))));
            }
            while (!inFlight.isEmpty()) {
                RuntimeException failure = settle(inFlight.poll(), outcomes);
                fatal = fatal != null ? fatal : failure;
            }
        } finally {
            // A database error above: no call of this chunk may go on after the chunk has failed (their PENDING rows stay).
            inFlight.forEach(slice -> slice.calls.join());
        }
        return fatal;
    }

    /**
     * The slice without the rows another writer put in the ID map after this chunk looked (another partition of the
     * run reading the same legacy id or username further on in the input): they are duplicates, rejected as such.
     */
    private List<Attempt> withoutTaken(List<Attempt> slice, Set<String> taken, Outcomes outcomes) {
        List<Attempt> sending = new ArrayList<>();
        Map<String, UserMapping> byLegacyId = userMap.findByLegacyIds(taken);
        for (Attempt attempt : slice) {
            if (!taken.contains(attempt.row.legacyId())) {
                sending.add(attempt);
            } else if (byLegacyId.containsKey(attempt.row.legacyId())) {
                outcomes.reject(attempt.row, "DUPLICATE_LEGACY_ID", "legacy_id " + attempt.row.legacyId()
                        + " appears more than once in the input (another partition registers it)");
            } else {
                UserMapping other = userMap.findByUsernames(List.of(attempt.row.username())).get(attempt.row.username());
                outcomes.reject(attempt.row, "DUPLICATE_USERNAME", "username " + attempt.row.username() + " is also used by legacy_id "
                        + (other == null ? "another row" : other.legacyId()));
            }
        }
        return sending;
    }

    /** The calls of some attempts, started together. */
    private record Slice(List<Attempt> attempts, ConcurrentCalls.Submitted<Void> calls) {
    }

    /** Waits for a slice's calls and saves their outcomes: DONE rows, refused PENDING rows dropped. */
    private RuntimeException settle(Slice slice, Outcomes outcomes) {
        RuntimeException fatal = null;
        for (ConcurrentCalls.Result<Void> result : slice.calls.join()) {
            if (!result.ok() && fatal == null) {
                fatal = result.failure() instanceof RuntimeException e ? e : new IllegalStateException(result.failure());
            }
        }
        Outcomes settled = new Outcomes();
        for (Attempt attempt : slice.attempts) {
            settled.settle(attempt);
        }
        for (String legacyId : userMap.markDone(settled.done)) {
            Attempt attempt = settled.doneAttempts.get(legacyId);
            settled.tally.undo(attempt.fresh);
            settled.reject(attempt.row, "USER_ID_ALREADY_MAPPED",
                    "MaxIM user " + attempt.userId + " is already mapped to another legacy id");
            settled.deletePending.add(legacyId);
        }
        userMap.deletePending(settled.deletePending);
        outcomes.tally.addAll(settled.tally);
        return fatal;
    }

    private List<UserMapping> pending(List<Attempt> attempts, boolean resumed) {
        return attempts.stream().filter(a -> a.resumed == resumed)
                .map(a -> new UserMapping(a.row.legacyId(), a.row.username(), null, State.PENDING, Origin.CREATED,
                        records.instanceId(), records.executionId(), a.row.line()))
                .toList();
    }

    /** Decides each valid row against the ID map and the rest of the chunk; returns the rows that need a call. */
    private List<Attempt> decide(List<UserCandidate> valid, Outcomes outcomes) {
        Map<String, UserMapping> byLegacyId = userMap.findByLegacyIds(valid.stream().map(c -> c.row().legacyId()).toList());
        Map<String, UserMapping> byUsername = userMap.findByUsernames(valid.stream().map(c -> c.row().username()).toList());
        Set<String> legacyIds = new HashSet<>();
        Map<String, String> usernames = new HashMap<>();
        List<Attempt> attempts = new ArrayList<>();
        List<UserMapping> claimed = new ArrayList<>();
        for (UserCandidate candidate : valid) {
            UserRow row = candidate.row();
            if (!legacyIds.add(row.legacyId())) {
                outcomes.reject(row, "DUPLICATE_LEGACY_ID", "legacy_id " + row.legacyId() + " appears more than once in the input");
                continue;
            }
            String other = usernames.putIfAbsent(row.username(), row.legacyId());
            if (other != null) {
                outcomes.reject(row, "DUPLICATE_USERNAME", "username " + row.username() + " is also used by legacy_id " + other);
                continue;
            }
            UserMapping mapped = byLegacyId.get(row.legacyId());
            UserMapping sameName = byUsername.get(row.username());
            if (mapped == null && sameName != null && sameName.legacyId().equals(row.legacyId())) {
                // Written between the two look-ups (another partition of the run): the same legacy id after all.
                mapped = sameName;
            }
            if (mapped != null) {
                if (!mapped.username().equals(row.username())) {
                    outcomes.reject(row, "DUPLICATE_LEGACY_ID", "legacy_id " + row.legacyId() + " is already mapped to username " + mapped.username());
                } else if (mapped.jobInstanceId() == records.instanceId() && !row.line().equals(mapped.sourceLine())) {
                    // Written by this run from another row: the input holds the legacy id twice (a replayed row has the same position).
                    outcomes.reject(row, "DUPLICATE_LEGACY_ID", "legacy_id " + row.legacyId() + " appears more than once in the input"
                            + " (first at line " + mapped.sourceLine() + ")");
                } else if (mapped.state() == State.DONE) {
                    outcomes.tally.alreadyDone();
                    if (mapped.jobInstanceId() != records.instanceId()) {
                        claimed.add(new UserMapping(row.legacyId(), row.username(), mapped.userId(), State.DONE, mapped.origin(),
                                records.instanceId(), mapped.jobExecutionId(), row.line()));
                    }
                } else {
                    attempts.add(new Attempt(row, true));
                }
                continue;
            }
            if (sameName != null) {
                outcomes.reject(row, "DUPLICATE_USERNAME", "username " + row.username() + " is already mapped to legacy_id " + sameName.legacyId());
                continue;
            }
            attempts.add(new Attempt(row, false));
        }
        userMap.claim(claimed);
        return attempts;
    }

    /** One task per batch of attempts: a /user/register/batch call, or /user/register/v2 with batch-size 1. */
    private List<Callable<Void>> tasks(List<Attempt> attempts) {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i += settings.batchSize()) {
            List<Attempt> batch = attempts.subList(i, Math.min(attempts.size(), i + settings.batchSize()));
            tasks.add(() -> {
                if (batch.size() == 1 && settings.batchSize() == 1) {
                    registerOne(batch.get(0), false);
                } else {
                    registerBatch(batch);
                }
                return null;
            });
        }
        return tasks;
    }

    private void registerOne(Attempt attempt, boolean earlierCallMaybeExecuted) {
        CallTrace trace = new CallTrace();
        try {
            attempt.created(client.registerUser(credentials(attempt.row), trace));
        } catch (MaximException e) {
            if (e.errorClass() == ErrorClass.ALREADY_DONE) {
                resolveExisting(attempt, attempt.resumed || earlierCallMaybeExecuted || trace.maybeExecuted());
            } else if (e.errorClass() == ErrorClass.REJECTED) {
                attempt.rejected(e.reasonCode(), e.getMessage());
            } else {
                throw e;
            }
        }
    }

    private void registerBatch(List<Attempt> batch) {
        CallTrace trace = new CallTrace();
        List<BatchRegistration> results;
        try {
            results = client.registerBatch(batch.stream().map(a -> credentials(a.row)).toList(), trace);
        } catch (MaximException e) {
            if (e.errorClass() == ErrorClass.REJECTED || e.errorClass() == ErrorClass.ALREADY_DONE) {
                // The whole batch was refused for some item: ask one by one to learn which.
                batch.forEach(a -> registerOne(a, trace.maybeExecuted()));
                return;
            }
            throw e;
        }
        // First every answer the batch gave, so that a failing follow-up call cannot lose the successes.
        List<Attempt> unresolved = new ArrayList<>();
        List<Attempt> existing = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Attempt attempt = batch.get(i);
            BatchRegistration result = results.get(i);
            if (result.succeeded()) {
                attempt.created(result.userId());
                continue;
            }
            Matcher code = LEADING_CODE.matcher(result.reason() == null ? "" : result.reason());
            ErrorClass errorClass = code.find() ? ErrorCodes.ofCode(Integer.parseInt(code.group(1))) : null;
            if (errorClass == ErrorClass.ALREADY_DONE) {
                existing.add(attempt);
            } else if (errorClass == ErrorClass.REJECTED) {
                attempt.rejected(code.group(1), "MaxIM refused the registration: " + result.reason());
            } else {
                unresolved.add(attempt);
            }
        }
        existing.forEach(a -> resolveExisting(a, a.resumed || trace.maybeExecuted()));
        // An unclassifiable or transient item failure: the single call classifies and retries it.
        unresolved.forEach(a -> registerOne(a, trace.maybeExecuted()));
    }

    /**
     * The username exists in MaxIM. If an earlier attempt of ours may have created it (a PENDING row from an
     * earlier run, or a lost answer in this one), it is ours; otherwise on-existing decides.
     */
    private void resolveExisting(Attempt attempt, boolean maybeOurs) {
        if (!maybeOurs && settings.onExisting() == OnExisting.REJECT) {
            attempt.rejected("USERNAME_TAKEN", "username " + attempt.row.username() + " already exists in MaxIM (on-existing: reject)");
            return;
        }
        Optional<UserInfo> existing = client.findUser(attempt.row.username());
        if (existing.isEmpty()) {
            attempt.rejected(String.valueOf(ErrorCodes.USER_EXISTS),
                    "MaxIM says username " + attempt.row.username() + " exists but cannot find it by name");
            return;
        }
        if (maybeOurs && !attempt.resumed) {
            // Our own call of this run created it and only the answer was lost: this run wrote it.
            attempt.created(existing.get().userId());
        } else {
            attempt.existing(existing.get().userId(), maybeOurs ? Origin.CREATED : Origin.ADOPTED);
        }
    }

    private static Credentials credentials(UserRow row) {
        return new Credentials(row.username(), row.password());
    }

    /** One row's registration, filled in by the thread that made its call. */
    private static final class Attempt {
        final UserRow row;
        final boolean resumed;
        volatile Long userId;
        volatile boolean fresh;
        volatile Origin origin;
        volatile String rejectCode;
        volatile String rejectReason;

        Attempt(UserRow row, boolean resumed) {
            this.row = row;
            this.resumed = resumed;
        }

        void created(long id) {
            userId = id;
            fresh = true;
            origin = Origin.CREATED;
        }

        void existing(long id, Origin how) {
            userId = id;
            fresh = false;
            origin = how;
        }

        void rejected(String code, String reason) {
            rejectCode = code;
            rejectReason = reason;
        }
    }

    /** What one chunk did: DONE rows to save, PENDING rows to drop, and the records' outcomes. */
    private static final class Outcomes {
        final ChunkTally tally = new ChunkTally();
        final List<UserMap.Done> done = new ArrayList<>();
        final Map<String, Attempt> doneAttempts = new HashMap<>();
        final List<String> deletePending = new ArrayList<>();

        void reject(UserRow row, String code, String reason) {
            tally.reject(row.line(), code, reason, row.asRead());
        }

        void settle(Attempt attempt) {
            if (attempt.userId != null) {
                done.add(new UserMap.Done(attempt.row.legacyId(), attempt.userId, attempt.origin));
                doneAttempts.put(attempt.row.legacyId(), attempt);
                if (attempt.fresh) {
                    tally.written();
                } else {
                    tally.alreadyDone();
                }
            } else if (attempt.rejectCode != null) {
                reject(attempt.row, attempt.rejectCode, attempt.rejectReason);
                deletePending.add(attempt.row.legacyId());
            }
            // Neither: its call failed fatally; the PENDING row stays for the resumed run.
        }
    }
}
