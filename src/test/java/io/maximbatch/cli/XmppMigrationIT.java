package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.TestPostgres;
import io.maximbatch.legacy.XmppServerFixture;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The shipped jobs/openfire-migration.yml and jobs/ejabberd-migration.yml run by the jar as a user runs them, the
 * connection in environment variables, on each server's tables in embedded PostgreSQL: validate and the dry run
 * first, then the run against a sandbox that answers 503, 20000 and loses answers, killed with SIGKILL twice and run
 * again: MaxIM ends holding exactly the server's accounts, friendships, remarks and rooms, each change once, and
 * export-map lists every account with its legacy and MaxIM names.
 */
class XmppMigrationIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void openfire() throws Exception {
        migrates("openfire", "OPENFIRE", XmppServerFixture::openfire, true);
    }

    @Test
    void ejabberd() throws Exception {
        migrates("ejabberd", "EJABBERD", XmppServerFixture::ejabberd, false);
    }

    /**
     * The same on the servers' published schemas themselves, when -Dlegacy.schemas names the folder that holds
     * openfire_postgresql.sql and ejabberd_pg.sql (they are not part of this project: see ../shared/legacy-schemas).
     */
    @Test
    void onThePublishedSchemas() throws Exception {
        String folder = System.getProperty("legacy.schemas");
        org.junit.jupiter.api.Assumptions.assumeTrue(folder != null, "-Dlegacy.schemas=<folder of the published schemas> not given");
        migrates("openfire", "OPENFIRE", db -> {
            published(db, Path.of(folder, "openfire_postgresql.sql"));
            // The schema's own default account (admin/admin) is not the fixture's: the expectations are the fixture's.
            db.update("DELETE FROM ofUser WHERE username = 'admin'");
            XmppServerFixture.openfireData(db);
        }, true);
        migrates("ejabberd", "EJABBERD", db -> {
            published(db, Path.of(folder, "ejabberd_pg.sql"));
            XmppServerFixture.ejabberdData(db);
        }, false);
    }

    private static void published(JdbcTemplate db, Path schema) {
        new org.springframework.jdbc.datasource.init.ResourceDatabasePopulator(new org.springframework.core.io.FileSystemResource(schema))
                .execute(db.getDataSource());
    }

    private void migrates(String server, String env, Consumer<JdbcTemplate> tables, boolean openfire) throws Exception {
        String url = TestPostgres.newDatabaseUrl(server + "_jar");
        Path dir = Files.createDirectories(this.dir.resolve(server));
        tables.accept(new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "")));
        long seed = Long.getLong("xmpp.seed", 20261129L);
        Random random = new Random(seed);
        try (SandboxServer sandbox = SandboxServer.start(new SandboxOptions(0, "sandbox", "sandbox-token",
                new SandboxFaults.Settings(150, 0, 0.1, 0.05, 0.05, null, seed)))) {
            Map<String, String> environment = new HashMap<>(Map.of(
                    env + "_DB_URL", url, env + "_DB_USER", "postgres", env + "_DB_PASSWORD", "not-needed-by-trust-auth",
                    "MAXIM_PASSWORD_KEY", XmppServerFixture.PASSWORD_KEY,
                    "MAXIM_API_ENDPOINT", sandbox.endpoint().toString(), "MAXIM_APP_ID", "sandbox", "MAXIM_ACCESS_TOKEN", "sandbox-token",
                    "MAXIM_RETRY_BASE_DELAY", "10ms", "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("data/maxim-batch")));
            environment.put("MAXIM_REJECTS_DIR", dir.resolve("rejects").toString());
            environment.put("MAXIM_REPORTS_DIR", dir.resolve("reports").toString());
            String job = PROJECT.resolve("jobs/" + server + "-migration.yml").toString();
            String domain = "xmpp-domain=" + XmppServerFixture.DOMAIN;
            // The fixture's shared groups are small: a cap that leaves one of them without friendships.
            String cap = XmppServerFixture.SHARED_FRIENDS_CAP;
            Path output = dir.resolve("output.txt");

            // validate and the dry run, as README.md's first migration starts.
            assertThat(JarRunner.run(dir, output, environment, "validate", job, domain, cap)).as(Files.readString(output)).isEqualTo(1);
            assertThat(Files.readString(output)).contains("REMOTE_JID").contains("NO_LOCAL_OWNER").contains("UNKNOWN_FRIEND");
            assertThat(JarRunner.run(dir, output, environment, "run", job, domain, cap, "--dry-run")).as(Files.readString(output)).isZero();
            assertThat(Files.readString(output)).contains("Step users (register-users): read").contains("written 14,")
                    .contains("POST /user/register/batch: ").contains("Nothing was sent.");
            assertThat(sandbox.state().usersByName()).as("the dry run writes nothing").isEmpty();

            int killed = 0;
            for (int attempt = 0; attempt < 2; attempt++) {
                long before = sandbox.state().requestsServed();
                Process process = JarRunner.start(dir, output, environment, "run", job, domain, cap);
                long more = 1 + random.nextInt(15);
                await().atMost(Duration.ofMinutes(2)).until(() -> sandbox.state().requestsServed() - before >= more || !process.isAlive());
                if (!process.isAlive()) {
                    break;
                }
                process.destroyForcibly().waitFor();
                killed++;
            }
            int exit = JarRunner.run(dir, output, environment, "run", job, domain, cap);

            String printed = Files.readString(output);
            assertThat(exit).as(printed).isZero();
            assertThat(killed).as("kills while the migration was running (seed %d)", seed).isEqualTo(2);
            assertThat(printed).contains("Complete: nothing the sources expect is missing.");
            // The checks log in through the sandbox: no more faults from here on.
            sandbox.faults().set(SandboxFaults.Settings.none());
            XmppServerFixture.assertMigrated(sandbox.state(), sandbox.endpoint(), openfire);

            // A --new run of the same database uploads no picture, sets no avatar or display name and blocks no one again
            // (the applied-state ledger has them all).
            Map<String, Long> served = sandbox.state().servedByCall();
            assertThat(JarRunner.run(dir, output, environment, "run", job, domain, cap, "--new")).as(Files.readString(output)).isZero();
            for (String call : List.of("GET /file/upload/avatar/user", "PUT /oss/avatar", "POST /oss/avatar", "POST /user/avatar/batch",
                    "POST /group/display_name", "POST /group/block", "POST /roster/block")) {
                assertThat(sandbox.state().servedByCall().getOrDefault(call, 0L)).as("%s on the --new run", call).isEqualTo(served.getOrDefault(call, 0L));
            }
            assertThat(Files.readString(output)).contains("Step blocks: COMPLETED  read 12, written 0, updated 0, already done 4, rejected 2, filtered 6");
            XmppServerFixture.assertMigrated(sandbox.state(), sandbox.endpoint(), openfire);

            Path map = dir.resolve(server + "-map.csv");
            assertThat(JarRunner.run(dir, output, environment, "export-map", job, "--out", map.toString())).isZero();
            List<String> lines = Files.readAllLines(map);
            assertThat(lines.get(0)).isEqualTo("legacy_id,legacy_username,username,user_id");
            Map<String, String> listed = new TreeMap<>();
            lines.subList(1, lines.size()).forEach(line -> {
                String[] cells = line.split(",");
                assertThat(cells[1]).as("legacy username").isEqualTo(cells[0]);
                assertThat(Long.parseLong(cells[3])).isEqualTo(sandbox.state().usersByName().get(cells[2]));
                listed.put(cells[0], cells[2]);
            });
            assertThat(listed).isEqualTo(new TreeMap<>(XmppServerFixture.NAMES));

        }
    }
}
