package io.maximbatch.jobfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.maximbatch.source.SourceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a job file's database source may be, as `validate` and `run` read the file (the connection applies the same
 * rule to a URL read from url-env): one line per problem, naming the key and what to do, never a password.
 */
class JdbcSourceRulesTest {

    @TempDir
    Path dir;

    private final JobFileParser parser = new JobFileParser(List.of(new JobFileParserTest.FakeRegisterUsers()));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db/chat?readOnlyMode=ignore | readOnlyMode",
            "jdbc:postgresql://db/chat?password=hunter2&options=-c%20default_transaction_read_only=off | options",
            "jdbc:postgresql://db/chat?socketFactory=org.springframework.context.support.FileSystemXmlApplicationContext&socketFactoryArg=/tmp/x.xml | socketFactory",
            "jdbc:postgresql://db/chat?sslfactory=org.example.Trusting | sslfactory",
            "jdbc:postgresql://db/chat?sslhostnameverifier=org.example.Any | sslhostnameverifier",
            "jdbc:postgresql://db/chat?sslpasswordcallback=org.example.Ask | sslpasswordcallback",
            "jdbc:postgresql://db/chat?authenticationPluginClassName=org.example.Plugin | authenticationPluginClassName",
            "jdbc:postgresql://db/chat?loggerFile=/tmp/driver.log | loggerFile",
            "jdbc:postgresql://db/chat?socketTimeout=0 | socketTimeout",
            "jdbc:mysql://db/chat?autoDeserialize=true | autoDeserialize",
            "jdbc:mysql://db/chat?allowLoadLocalInfile=true | allowLoadLocalInfile",
            "jdbc:mysql://db/chat?allowUrlInLocalInfile=true | allowUrlInLocalInfile",
            "jdbc:mysql://(host=db,queryInterceptors=org.example.Spy)/chat | queryInterceptors",
            "jdbc:mariadb://db/chat?initSql=DROP%20TABLE%20users | initSql",
            "jdbc:sqlserver://db;databaseName=chat;socketFactoryClass=org.example.Factory | socketFactoryClass"})
    void aUrlSettingThatLoadsCodeOrUndoesOurSettingsIsRefusedByName(String url, String parameter) throws IOException {
        List<String> problems = problemsOf(job("url: \"" + url + "\""));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p).startsWith(dir.resolve("job.yml") + ": steps[0].source.jdbc.url: ")
                .contains("a source URL may not set " + parameter + " (").doesNotContain("hunter2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite:/var/lib/app.db", "jdbc:derby:memory:x;create=true", "jdbc:hsqldb:mem:x", "jdbc:h2:tcp://db/chat"})
    void aDatabaseNotOnTheListIsRefusedNamingTheOnesThatAre(String url) throws IOException {
        List<String> problems = problemsOf(job("url: \"" + url + "\""));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("steps[0].source.jdbc.url: ")
                .containsAnyOf("expected the URL of a database maxim-batch reads: jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:,"
                        + " jdbc:sqlserver:, jdbc:oracle:thin:, jdbc:h2:file:", "an H2 source must be jdbc:h2:file:<path>"));
    }

    @Test
    void urlsOfTheListedDatabasesWithOrdinarySettingsAreAccepted() throws IOException {
        for (String url : List.of("jdbc:postgresql://db/chat?sslmode=verify-full&ApplicationName=maxim", "jdbc:mysql://db:3306/openfire?useSSL=true",
                "jdbc:sqlserver://db;databaseName=chat;encrypt=true", "jdbc:oracle:thin:@//db:1521/chat", "jdbc:h2:file:/srv/legacy/chat")) {
            assertThat(parser.parse(job("url: \"" + url + "\""), dir).steps()).as(url).hasSize(1);
        }
    }

    @Test
    void aVariableTheOperatorDidNotAllowIsRefusedInEveryEnvKey() throws IOException {
        List<String> problems = problemsOf(job("url-env: HOME\n        username-env: LEGACY_DB_USER\n"
                + "        password-env: SERVER_SSL_KEY_STORE_PASSWORD"));

        String allowed = " may only name a variable the operator allowed (maxim.sources.allowed-env: *_DB_URL, *_DB_USER, *_DB_PASSWORD), got ";
        assertThat(problems).containsExactlyInAnyOrder(
                dir.resolve("job.yml") + ": steps[0].source.jdbc.url-env:" + allowed.replaceFirst("^ may", " may") + "HOME",
                dir.resolve("job.yml") + ": steps[0].source.jdbc.password-env:" + allowed + "SERVER_SSL_KEY_STORE_PASSWORD");
    }

    @Test
    void aJobFileCannotWriteTheOperatorsSettingsItself() throws IOException {
        Path file = job("url: jdbc:postgresql://db/chat\n        password-env: SERVER_SSL_KEY_STORE_PASSWORD");
        Files.writeString(file, Files.readString(file).replace("      jdbc:", "      source-settings: { allowed-env: [\"*\"] }\n      jdbc:"));

        assertThat(problemsOf(file)).anySatisfy(p -> assertThat(p).contains("steps[0].source.jdbc.password-env: may only name a variable"));
    }

    @Test
    void theOperatorsListIsTheOneApplied() throws IOException {
        JobFileParser crm = new JobFileParser(List.of(new JobFileParserTest.FakeRegisterUsers()),
                new SourceSettings(List.of("CRM_*", "LEGACY_PW"), Duration.ofSeconds(10), Duration.ofSeconds(30)));

        assertThat(crm.parse(job("url: jdbc:postgresql://db/chat\n        password-env: CRM_READER_SECRET"), dir).steps()).hasSize(1);
        assertThat(crm.parse(job("url: jdbc:postgresql://db/chat\n        password-env: LEGACY_PW"), dir).steps()).hasSize(1);
        assertThat(catchThrowableOfType(JobFileException.class, () -> crm.parse(job("url: jdbc:postgresql://db/chat\n"
                + "        password-env: LEGACY_DB_PASSWORD"), dir)).problems()).singleElement()
                .satisfies(p -> assertThat(p).endsWith("(maxim.sources.allowed-env: CRM_*, LEGACY_PW), got LEGACY_DB_PASSWORD"));
    }

    private Path job(String connection) throws IOException {
        return Files.writeString(dir.resolve("job.yml"), """
                name: legacy-migration
                steps:
                  - name: users
                    type: register-users
                    source:
                      jdbc:
                        %s
                        username: reader
                        query: select * from users
                        sort-key: legacy_id
                """.formatted(connection).replace("        username: reader\n", connection.contains("username-env") ? "" : "        username: reader\n"));
    }

    private List<String> problemsOf(Path file) {
        return catchThrowableOfType(JobFileException.class, () -> parser.parse(file, dir)).problems();
    }
}
