package io.maximbatch.reconcile;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.reconcile.Discrepancy.Kind;
import io.maximbatch.report.PrivateFiles;
import io.maximbatch.report.RejectReport;
import io.maximbatch.report.RejectStore;
import io.maximbatch.source.Sources;
import io.maximbatch.step.Rehearsals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Proves a migration complete: asks each step of the job file what MaxIM must hold (its sources read again through
 * its own rules), resolves that through the ID maps, and compares it with what MaxIM holds.
 */
@Service
public class ReconcileService {

    private final UserMap userMap;
    private final MaximHoldings holdings;
    private final RejectStore rejects;
    private final AttributeHoldings attributes;
    private final GroupSettingsHoldings groupSettings;
    private final BlockHoldings blocks;
    private final GroupMemberHoldings groupMembers;
    private final Path reportsDir;

    ReconcileService(UserMap userMap, MaximHoldings holdings, RejectStore rejects, AttributeHoldings attributes,
                     GroupSettingsHoldings groupSettings, BlockHoldings blocks, GroupMemberHoldings groupMembers,
                     @Value("${maxim.reports-dir:./reports}") Path reportsDir) {
        this.groupSettings = groupSettings;
        this.blocks = blocks;
        this.groupMembers = groupMembers;
        this.attributes = attributes;
        this.userMap = userMap;
        this.holdings = holdings;
        this.rejects = rejects;
        this.reportsDir = reportsDir;
    }

    /** parameters: the run's name=value parameters, which the sources' queries may use. */
    public ReconcileReport reconcile(JobFile job, Map<String, String> parameters) {
        Expected expected = new Expected(Sources.queryParameters(job.withDefaults(parameters)));
        Rehearsals.expect(job, expected);
        List<Discrepancy> found = Collections.synchronizedList(new ArrayList<>());
        Counts counts = new Counts();
        counts.unresolvable = expected.unexpected;
        Map<String, Long> present = users(expected, rejects.rejectedRows(job.name()), found, counts);
        MaximHoldings.RostersRead rosters = holdings.friendships(expected.unblockedFriendships(), found, counts);
        attributes.accounts(expected.accounts, present, rosters.shown(), found, counts);
        Map<String, Map<Long, String>> displayNames = holdings.groups(expected.groups, expected.members, found, counts);
        groupMembers.displayNames(expected.displayNames, displayNames, found, counts);
        groupMembers.blocks(expected.blocked, found, counts);
        attributes.remarks(expected.remarks, rosters.remarks(), found, counts);
        attributes.admins(expected.admins, found, counts);
        groupSettings.groups(expected.groupSettings, found);
        blocks.blocks(expected.blocks, found, counts);
        List<Discrepancy> sorted = new ArrayList<>(found);
        sorted.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind()) : a.legacy().compareTo(b.legacy()));
        Path file = reportsDir.resolve(job.name() + "-reconcile-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv");
        write(file, sorted);
        return new ReconcileReport(counts.expectedUsers, counts.presentUsers, counts.expectedFriendships, counts.presentFriendships,
                counts.expectedGroups, counts.presentGroups, counts.expectedMembers, counts.presentMembers, counts.checkedAccounts,
                counts.checkedRemarks, counts.expectedAdmins, counts.checkedDisplayNames, counts.expectedGroupBlocks, counts.unresolvable,
                counts.expectedBlocks, sorted, file);
    }

    /** What was expected and found, as reconcile counts it. */
    static final class Counts {
        long expectedUsers;
        long presentUsers;
        long expectedFriendships;
        long presentFriendships;
        long expectedGroups;
        long presentGroups;
        long expectedMembers;
        long presentMembers;
        long checkedAccounts;
        long checkedRemarks;
        long expectedAdmins;
        long checkedDisplayNames;
        long expectedGroupBlocks;
        long unresolvable;
        long expectedBlocks;
    }

    /**
     * Every user a users step would register must be in the ID map, registered, and in MaxIM under that id; a row a
     * run rejected on MaxIM's answer (a name MaxIM refused or already has) is not expected, like one the rules reject.
     * Answers the users MaxIM has, legacy id -> MaxIM id.
     */
    private Map<String, Long> users(Expected expected, Set<String> rejectedRows, List<Discrepancy> found, Counts counts) {
        Map<String, Long> registered = userMap.userIds(expected.users.keySet());
        Map<Long, String> usernames = new HashMap<>();
        registered.forEach((legacyId, userId) -> usernames.put(userId, expected.users.get(legacyId)));
        Set<Long> present = usernames.isEmpty() ? Set.of() : holdings.presentUsers(usernames);
        counts.presentUsers += present.size();
        expected.users.forEach((legacyId, username) -> {
            Long userId = registered.get(legacyId);
            if (userId == null && rejectedRows.contains(expected.userRows.get(legacyId))) {
                counts.unresolvable++;
                return;
            }
            counts.expectedUsers++;
            if (userId == null) {
                found.add(new Discrepancy(Kind.MISSING_USER, legacyId, "", "user " + username
                        + " is not registered (see the users step's reject report)"));
            } else if (!present.contains(userId)) {
                found.add(new Discrepancy(Kind.MISSING_USER, legacyId, String.valueOf(userId), "user " + username
                        + " is in the ID map, but MaxIM has no user " + userId + " by that name"));
            }
        });
        Map<String, Long> presentByLegacyId = new HashMap<>();
        registered.forEach((legacyId, userId) -> {
            if (present.contains(userId)) {
                presentByLegacyId.put(legacyId, userId);
            }
        });
        return presentByLegacyId;
    }

    private static void write(Path file, List<Discrepancy> discrepancies) {
        try {
            try (Writer out = PrivateFiles.writer(file); ICSVWriter csv = new CSVWriter(out)) {
                csv.writeNext(new String[] {"kind", "legacy", "maxim", "detail"}, false);
                for (Discrepancy d : discrepancies) {
                    csv.writeNext(new String[] {d.kind().name(), RejectReport.neutralise(d.legacy()), d.maxim(), d.detail()}, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reconcile report " + file + ": " + e.getMessage(), e);
        }
    }
}
