package io.maximbatch.users;

import io.maximbatch.jobfile.StepFactory.Plan;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.ledger.UserMapping;
import io.maximbatch.ledger.UserMapping.State;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.report.Reject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A dry run of register-users: what UserRegistrationWriter would decide for each row, chunk by chunk, with the ID
 * map read (never written) and MaxIM asked only whether a username exists.
 */
final class UserRegistrationPlan {

    private final RegisterUsersSettings settings;
    private final UserMap userMap;
    private final MaximClient maxim;
    private final Set<String> legacyIds = new HashSet<>();
    private final Map<String, String> usernames = new HashMap<>();
    private final List<Reject> rejects = new ArrayList<>();
    /** Legacy ids that are registered after the run: created, already done or adopted. */
    private final Set<String> registered = new HashSet<>();
    private long read;
    private long toCreate;
    private long alreadyDone;
    private long adopted;
    private long conflicts;
    private long byRule;
    private long calls;
    private long lookups;

    UserRegistrationPlan(RegisterUsersSettings settings, UserMap userMap, MaximClient maxim) {
        this.settings = settings;
        this.userMap = userMap;
        this.maxim = maxim;
    }

    void chunk(List<UserCandidate> chunk) {
        read += chunk.size();
        List<UserRow> valid = new ArrayList<>();
        for (UserCandidate candidate : chunk) {
            if (candidate.isValid()) {
                valid.add(candidate.row());
            } else {
                reject(candidate.row(), candidate.rejectCode(), candidate.rejectReason());
                byRule++;
            }
        }
        Map<String, UserMapping> byLegacyId = userMap.findByLegacyIds(valid.stream().map(UserRow::legacyId).toList());
        Map<String, UserMapping> byUsername = userMap.findByUsernames(valid.stream().map(UserRow::username).toList());
        long created = 0;
        for (UserRow row : valid) {
            if (!legacyIds.add(row.legacyId())) {
                reject(row, "DUPLICATE_LEGACY_ID", "legacy_id " + row.legacyId() + " appears more than once in the input");
                byRule++;
                continue;
            }
            String other = usernames.putIfAbsent(row.username(), row.legacyId());
            if (other != null) {
                reject(row, "DUPLICATE_USERNAME", "username " + row.username() + " is also used by legacy_id " + other);
                byRule++;
                continue;
            }
            UserMapping mapped = byLegacyId.get(row.legacyId());
            if (mapped != null) {
                if (!mapped.username().equals(row.username())) {
                    reject(row, "DUPLICATE_LEGACY_ID", "legacy_id " + row.legacyId() + " is already mapped to username " + mapped.username());
                    byRule++;
                } else if (mapped.state() == State.DONE || exists(row)) {
                    // DONE, or PENDING from a killed run of ours that MaxIM holds: the run finds it and maps it.
                    alreadyDone++;
                    registered.add(row.legacyId());
                } else {
                    created++;
                    registered.add(row.legacyId());
                }
                continue;
            }
            UserMapping sameName = byUsername.get(row.username());
            if (sameName != null) {
                reject(row, "DUPLICATE_USERNAME", "username " + row.username() + " is already mapped to legacy_id " + sameName.legacyId());
                byRule++;
            } else if (exists(row)) {
                conflicts++;
                if (settings.onExisting() == OnExisting.REJECT) {
                    reject(row, "USERNAME_TAKEN", "username " + row.username() + " already exists in MaxIM (on-existing: reject)");
                } else {
                    adopted++;
                    alreadyDone++;
                    registered.add(row.legacyId());
                }
            } else {
                created++;
                registered.add(row.legacyId());
            }
        }
        toCreate += created;
        calls += (created + settings.batchSize() - 1) / settings.batchSize();
    }

    private boolean exists(UserRow row) {
        lookups++;
        return maxim.findUser(row.username()).isPresent();
    }

    private void reject(UserRow row, String code, String reason) {
        rejects.add(new Reject(row.line(), code, reason, row.asRead()));
    }

    Set<String> registered() {
        return registered;
    }

    List<Reject> rejects() {
        return rejects;
    }

    Plan result(Path report) {
        List<String> lines = new ArrayList<>();
        lines.add(read + " rows read: " + toCreate + " to create, " + alreadyDone + " already done ("
                + (alreadyDone - adopted) + " ours" + (adopted > 0 ? ", " + adopted + " existing users adopted" : "") + "), "
                + rejects.size() + " rejected");
        lines.add(conflicts + " usernames MaxIM already has that we did not create (on-existing: "
                + settings.onExisting().name().toLowerCase(Locale.ROOT) + ")");
        lines.add(byRule + " rejected by the rules and duplicates" + (report == null ? "" : "; would-be rejects in " + report));
        lines.add(calls + " registration calls of up to " + settings.batchSize() + " users (" + lookups + " usernames looked up for this plan)");
        return new Plan(lines, calls, Map.of("read", read, "written", toCreate, "alreadyDone", alreadyDone,
                "rejected", (long) rejects.size(), "conflicts", conflicts));
    }
}
