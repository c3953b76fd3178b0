package io.maximbatch.users;

import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximModel.UserInfo;
import io.maximbatch.report.Outcome;
import io.maximbatch.report.Tally;
import io.maximbatch.step.ChunkOutcomes;
import io.maximbatch.step.Decision;
import io.maximbatch.step.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A dry run of register-users: the run's decision for each row, chunk by chunk, with the ID map read (never
 * written); MaxIM's answer is foreseen by asking whether each username to register exists (GET /roster/name), a
 * chunk's names together.
 */
final class UserRegistrationPlan {

    private final RegisterUsersSettings settings;
    private final UserMap userMap;
    private final MaximClient maxim;
    private final ConcurrentCalls asked;
    private final UserLookups lookups = UserLookups.forRehearsal();
    private final Tally tally = new Tally();
    /** Legacy ids that are registered after the run (created, already done or adopted), with the line that does it. */
    private final Map<String, String> registered = new HashMap<>();
    /** Users to create whose password is derived (see Passwords). */
    private long derived;
    private long adopted;
    private long conflicts;
    private long calls;
    private long lookedUp;

    UserRegistrationPlan(RegisterUsersSettings settings, UserMap userMap, MaximClient maxim, ConcurrentCalls asked) {
        this.settings = settings;
        this.userMap = userMap;
        this.maxim = maxim;
        this.asked = asked;
    }

    void chunk(List<UserRow> rows) {
        lookups.load(userMap.findByLegacyIds(rows.stream().map(UserRow::legacyId).filter(id -> id != null).toList()),
                userMap.findByUsernames(rows.stream().map(UserRow::username).filter(name -> name != null).toList()));
        List<Decision<Registration>> decisions = new ArrayList<>();
        List<Registration> toRegister = new ArrayList<>();
        for (UserRow row : rows) {
            Decision<Registration> decision = UserDecision.decide(row, lookups);
            decisions.add(decision);
            toRegister.addAll(decision.items());
            if (!decision.sends() && !decision.outcome().isRejected()) {
                registered.put(row.legacyId(), row.line());
            }
        }
        // Asked together, as the run sends (within the rate): one at a time, each name would wait a call's latency.
        List<Optional<Long>> existing = asked.valuesOfAll(toRegister.stream().map(registration -> (Callable<Optional<Long>>)
                () -> maxim.findUser(registration.row().username()).map(UserInfo::userId)).toList());
        lookedUp += toRegister.size();
        Map<Registration, Outcome> foreseen = new HashMap<>();
        long created = 0;
        for (int i = 0; i < toRegister.size(); i++) {
            Registration registration = toRegister.get(i);
            if (existing.get(i).isEmpty()) {
                created++;
                derived += registration.row().derivedPassword() ? 1 : 0;
                foreseen.put(registration, Outcome.WRITTEN);
                continue;
            }
            // MaxIM will answer 10004: the run then decides as here.
            Registered answer = UserDecision.existing(registration, registration.resumed(), settings.onExisting(), existing.get(i));
            conflicts += registration.resumed() ? 0 : 1;
            adopted += !registration.resumed() && answer.userId() != null ? 1 : 0;
            foreseen.put(registration, answer.outcome());
        }
        decisions.forEach(d -> d.items().stream().filter(r -> !foreseen.get(r).isRejected())
                .forEach(r -> registered.put(r.row().legacyId(), r.row().line())));
        ChunkOutcomes.tally(rows, decisions, foreseen::get, tally);
        calls += (created + settings.batchSize() - 1) / settings.batchSize();
    }

    Set<String> registered() {
        return registered.keySet();
    }

    /** Whether the run registers (or finds done) this row's user from this very row. */
    boolean registersFrom(UserRow row) {
        return row.line().equals(registered.get(row.legacyId()));
    }

    Tally tally() {
        return tally;
    }

    Plan result(Path report) {
        List<String> lines = new ArrayList<>();
        lines.add(tally.read() + " rows read: " + tally.written() + " to create, " + tally.alreadyDone() + " already done ("
                + (tally.alreadyDone() - adopted) + " ours" + (adopted > 0 ? ", " + adopted + " existing users adopted" : "") + "), "
                + tally.rejected() + " rejected" + (report == null ? "" : "; would-be rejects in " + report));
        lines.add(conflicts + " usernames MaxIM already has that we did not create (on-existing: "
                + settings.onExisting().name().toLowerCase(Locale.ROOT) + ")");
        lines.add(calls + " registration calls of up to " + settings.batchSize() + " users (" + lookedUp + " usernames looked up for this plan)");
        if (settings.password().deriveKeyEnv() != null) {
            lines.add(derived + " of the users to create get a derived password (key from " + settings.password().deriveKeyEnv() + ")");
        }
        Map<String, Long> counts = Plan.counts("", tally);
        counts.put("conflicts", conflicts);
        counts.put("passwordsDerived", derived);
        return new Plan(lines, calls, counts);
    }
}
