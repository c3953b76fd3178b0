package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.reconcile.ReconcileReport;
import io.maximbatch.reconcile.ReconcileService;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shipped Openfire and ejabberd jobs on a generated server of 2,000 accounts with 1-10 mutual friends each, the
 * roster rows stored in the order friendships were made (as the servers do): an owner's friends go in one add_roster
 * call, and reconcile reads each account with the fewest calls the API allows (its friends' ids and their details,
 * which carry the remarks and the friends' nicknames).
 */
@SpringBootTest
class RosterCallsTest extends XmppMigrationTests {

    private static final int OWNERS = 2_000;
    private static final int SHARED_GROUPS = 100;
    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path dir;

    @Autowired
    ReconcileService reconcile;

    @Autowired
    MaximClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        properties(registry, SANDBOX, dir);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void openfireFriendshipsGoInOneCallPerOwnerAndReconcileReadsLittle() throws Exception {
        String url = database("openfire_rosters", db -> {
            XmppServerFixture.openfireTables(db);
            generated(db, true);
        });
        migratesWithFewCalls(jobFile(dir, "openfire-migration", url, "OPENFIRE"), true);
    }

    @Test
    void ejabberdFriendshipsGoInOneCallPerOwnerAndReconcileReadsLittle() throws Exception {
        String url = database("ejabberd_rosters", db -> {
            XmppServerFixture.ejabberdTables(db);
            generated(db, false);
        });
        migratesWithFewCalls(jobFile(dir, "ejabberd-migration", url, "EJABBERD"), false);
    }

    private void migratesWithFewCalls(io.maximbatch.jobfile.JobFile job, boolean expectsProfiles) throws Exception {
        Map<String, Long> before = SANDBOX.state().servedByCall();
        JobExecution execution = runs.run(job, PARAMETERS, false, notice -> { });
        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> run = JobTestSupport.writesSince(before, SANDBOX.state().servedByCall());
        long addRoster = run.getOrDefault("POST /user/add_roster", 0L);
        System.out.printf("%s: %d add_roster calls for %d owners (%.3f per owner)%n", job.name(), addRoster, OWNERS, addRoster / (double) OWNERS);
        assertThat(addRoster).as("add_roster calls for %d owners", OWNERS).isLessThanOrEqualTo((long) (OWNERS * 1.1));

        Map<String, Long> beforeReconcile = SANDBOX.state().servedByCall();
        ReconcileReport report = reconcile.reconcile(job, PARAMETERS);
        assertThat(report.discrepancies()).isEmpty();
        Map<String, Long> reads = since(beforeReconcile, SANDBOX.state().servedByCall());
        System.out.printf("%s reconcile of %d accounts: %s%n", job.name(), OWNERS, reads);
        long total = reads.values().stream().mapToLong(Long::longValue).sum();
        // Per account: its friends' ids (GET /roster/list) and their details (one POST /roster/list, which also carries
        // the remarks); its profile (GET /user/profile) only when a profile attribute is expected; /user/list pages.
        // GET /user/list reads the sandbox's users (both tests' accounts), 200 a page.
        long pages = SANDBOX.state().usersByName().size() / 200 + 1;
        assertThat(reads.getOrDefault("POST /roster/list", 0L)).as("friend details and remarks: %s", reads).isLessThanOrEqualTo(OWNERS);
        assertThat(reads.getOrDefault("GET /user/profile", 0L)).as("every account is a friend's friend, its nickname shown: %s", reads).isZero();
        // And each shared group's members (GET /group/member_list), once.
        assertThat(total).as("reconcile calls for %d accounts: %s", OWNERS, reads).isLessThanOrEqualTo(OWNERS * 2 + pages + SHARED_GROUPS);
        if (expectsProfiles) {
            // A nickname changed in MaxIM afterwards: the details show another one, so the profile is read and it is reported.
            long changed = SANDBOX.state().usersByName().get("of7");
            client.updateProfiles(List.of(Map.of("user_id", changed, "nick_name", "Someone else")), new CallTrace());
            assertThat(reconcile.reconcile(job, PARAMETERS).discrepancies()).extracting(d -> d.legacy() + ": " + d.detail())
                    .containsExactly("of7: nickname: expected 'Nick of7', MaxIM has 'Someone else'");
        }
    }

    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> calls = new java.util.TreeMap<>();
        after.forEach((call, count) -> {
            long made = count - before.getOrDefault(call, 0L);
            if (made > 0) {
                calls.put(call, made);
            }
        });
        return calls;
    }

    /**
     * SHARED_GROUPS shared groups of SharedRosterGroupsFixture.CAP random accounts (Openfire: onlyGroup), whose members become
     * friends too, often of people they already have in their roster: their edges must join their owners' calls.
     */
    private static void sharedGroups(JdbcTemplate db, boolean openfire, List<String> users, Random random) {
        for (int g = 0; g < SHARED_GROUPS; g++) {
            // Each server's own group ids: both jobs share this test's job database, where a legacy group id is one group.
            String group = (openfire ? "of team " : "ej team ") + g;
            if (openfire) {
                db.update("INSERT INTO ofGroup (groupName) VALUES (?)", group);
                db.update("INSERT INTO ofGroupProp (groupName, name, propValue) VALUES (?, 'sharedRoster.showInRoster', 'onlyGroup')", group);
            } else {
                db.update("INSERT INTO sr_group (name, opts) VALUES (?, '[]')", group);
            }
            Set<String> members = new HashSet<>();
            while (members.size() < SharedRosterGroupsFixture.CAP) {
                members.add(users.get(random.nextInt(users.size())));
            }
            for (String member : members) {
                if (openfire) {
                    db.update("INSERT INTO ofGroupUser (groupName, username, administrator) VALUES (?, ?, 0)", group, member);
                } else {
                    db.update("INSERT INTO sr_user (jid, grp) VALUES (?, ?)", member + "@" + XmppServerFixture.DOMAIN, group);
                }
            }
        }
    }

    /** OWNERS accounts (Openfire: each with a nickname) and 1-10 mutual friends; both rows of a friendship stored together, friendships in random order. */
    private static void generated(JdbcTemplate db, boolean openfire) {
        Random random = new Random(27);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            users.add((openfire ? "of" : "ej") + i);
        }
        int[] degree = new int[OWNERS];
        Set<Long> pairs = new HashSet<>();
        List<int[]> friendships = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            int wanted = 1 + random.nextInt(10);
            for (int tries = 0; degree[i] < wanted && tries < 50; tries++) {
                int j = random.nextInt(OWNERS);
                if (j != i && degree[j] < 10 && pairs.add((long) Math.min(i, j) * OWNERS + Math.max(i, j))) {
                    degree[i]++;
                    degree[j]++;
                    friendships.add(new int[] {i, j});
                }
            }
        }
        Collections.shuffle(friendships, random);
        List<Object[]> accounts = users.stream().map(u -> new Object[] {u, u + "-pass", "Nick " + u}).toList();
        List<Object[]> rows = new ArrayList<>();
        int id = 1;
        for (int[] f : friendships) {
            rows.add(new Object[] {id++, users.get(f[0]), users.get(f[1]) + "@" + XmppServerFixture.DOMAIN, "r" + f[1]});
            rows.add(new Object[] {id++, users.get(f[1]), users.get(f[0]) + "@" + XmppServerFixture.DOMAIN, "r" + f[0]});
        }
        sharedGroups(db, openfire, users, random);
        if (openfire) {
            db.batchUpdate("INSERT INTO ofUser (username, plainPassword, name, creationDate, modificationDate)"
                    + " VALUES (?, ?, ?, '001700000000000', '001700000000000')", accounts);
            db.batchUpdate("INSERT INTO ofRoster (rosterID, username, jid, sub, ask, recv, nick) VALUES (?, ?, ?, 3, -1, -1, ?)", rows);
        } else {
            db.batchUpdate("INSERT INTO users (username, type, password) VALUES (?, 0, ?)",
                    accounts.stream().map(a -> new Object[] {a[0], a[1]}).toList());
            db.batchUpdate("INSERT INTO rosterusers (username, jid, nick, subscription, approved, ask, askmessage, server, subscribe)"
                    + " VALUES (?, ?, ?, 'B', true, 'N', '', 'N', '')", rows.stream().map(r -> new Object[] {r[1], r[2], r[3]}).toList());
        }
    }
}
