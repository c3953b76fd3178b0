package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.TestPostgres;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState.AccountView;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Openfire's accounts read straight from its PostgreSQL tables (ofUser, ofVCard, written here from the published
 * schema's names and types): names MaxIM refuses rewritten, NULL plain passwords derived, the nickname from the
 * vCard's NICKNAME, else its FN, else ofUser.name (a vCard that is not well-formed XML is passed over, not fatal).
 */
@SpringBootTest
class OpenfireUsersTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final String OPENFIRE = TestPostgres.newDatabaseUrl("openfire_users");
    /** The users query of an Openfire migration: one row per ofUser, its nickname read from the vCard in SQL. */
    static final String USERS_QUERY = """
            SELECT u.username AS legacy_id, u.username AS username, u.plainPassword AS password,
                   COALESCE(NULLIF(x.nick, ''), NULLIF(x.fn, ''), NULLIF(u.name, '')) AS nickname
            FROM ofUser u
            LEFT JOIN ofVCard v ON v.username = u.username
            LEFT JOIN LATERAL XMLTABLE(XMLNAMESPACES('vcard-temp' AS vc), '/vc:vCard'
                PASSING CASE WHEN xml_is_well_formed_document(v.vcard) THEN v.vcard::xml END
                COLUMNS nick TEXT PATH 'vc:NICKNAME', fn TEXT PATH 'vc:FN') x ON TRUE""";

    @TempDir
    static Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, dir);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:openfire-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void everyOfUserIsRegisteredUnderItsContractNameWithItsPasswordAndNickname() throws Exception {
        JdbcTemplate openfire = new JdbcTemplate(new DriverManagerDataSource(OPENFIRE, "postgres", ""));
        openfire.execute("CREATE TABLE ofUser (username VARCHAR(64) NOT NULL, plainPassword VARCHAR(32), encryptedPassword VARCHAR(255),"
                + " name VARCHAR(100), email VARCHAR(100), creationDate CHAR(15) NOT NULL, modificationDate CHAR(15) NOT NULL,"
                + " CONSTRAINT ofUser_pk PRIMARY KEY (username))");
        openfire.execute("CREATE TABLE ofVCard (username VARCHAR(64) NOT NULL, vcard TEXT NOT NULL, CONSTRAINT ofVCard_pk PRIMARY KEY (username))");
        String[][] users = {
                // username, plainPassword, name, vCard (null: none)
                {"john.doe", null, "John Doe", "<vCard xmlns=\"vcard-temp\"><NICKNAME>Johnny</NICKNAME><FN>John Doe</FN></vCard>"},
                {"john_doe", "secret-2", "", "<vCard xmlns=\"vcard-temp\"><FN>John Underscore</FN></vCard>"},
                {"tom", "secret-3", "Tom T.", "<vCard xmlns=\"vcard-temp\"><NICKNAME>Tom &amp; Jerry</NICKNAME></vCard>"},
                {"anna", "secret-4", "Anna Name", null},
                {"broken", "secret-5", "Broken Card", "<vCard xmlns=\"vcard-temp\"><NICKNAME>oops</vCard>"},
                {"1234", "secret-6", "", null}};
        for (String[] user : users) {
            openfire.update("INSERT INTO ofUser (username, plainPassword, encryptedPassword, name, email, creationDate, modificationDate)"
                    + " VALUES (?, ?, ?, ?, NULL, '001700000000000', '001700000000000')", user[0], user[1], user[1] == null ? "x3f9" : null, user[2]);
            if (user[3] != null) {
                openfire.update("INSERT INTO ofVCard (username, vcard) VALUES (?, ?)", user[0], user[3]);
            }
        }
        Path job = JobTestSupport.jobFile(dir, "openfire-users", """
                  - name: users
                    type: register-users
                    usernames: rewrite
                    password: { derive-key-env: MAXIM_TEST_PASSWORD_KEY, when: missing }
                    source:
                      jdbc:
                        url: %s
                        username: postgres
                        sort-key: legacy_id
                        query: |
                %s
                """.formatted(OPENFIRE, USERS_QUERY.indent(14).stripTrailing()));

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, n -> { });

        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        assertThat(ids).containsOnlyKeys("john_doe_2", "john_doe", "tom", "anna", "broken", "u_1234");
        Map<Long, AccountView> accounts = SANDBOX.state().accounts();
        assertThat(accounts.get(ids.get("john_doe_2")).nickName()).isEqualTo("Johnny");
        assertThat(accounts.get(ids.get("john_doe")).nickName()).isEqualTo("John Underscore");
        assertThat(accounts.get(ids.get("tom")).nickName()).isEqualTo("Tom & Jerry");
        assertThat(accounts.get(ids.get("anna")).nickName()).isEqualTo("Anna Name");
        assertThat(accounts.get(ids.get("broken")).nickName()).as("a broken vCard: ofUser.name").isEqualTo("Broken Card");
        assertThat(accounts.get(ids.get("u_1234"))).as("no nickname anywhere").isNull();
        // A NULL plainPassword (a hashed one) is derived from the legacy id (scheme v1, the sandbox's app); a plain one is kept.
        String derived = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(XmppServerFixture.PASSWORD_KEY, "v1|sandbox|john.doe"))
                .substring(0, 24);
        assertThat(logIn("john_doe_2", derived)).contains("\"code\":200");
        assertThat(logIn("john_doe", "secret-2")).contains("\"code\":200");
    }

    private static byte[] hmac(String key, String message) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String logIn(String username, String password) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/token/user"))
                .header("app_id", "sandbox").header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers
                        .ofString("{\"name\": \"" + username + "\", \"password\": \"" + password + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
