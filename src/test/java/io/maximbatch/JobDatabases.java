package io.maximbatch;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh job database of the given vendor ("h2" or "postgresql") with the project's migrations applied. */
public final class JobDatabases {

    private JobDatabases() {
    }

    public static DataSource migrated(String vendor, String prefix) {
        DataSource db = vendor.equals("h2")
                ? new DriverManagerDataSource("jdbc:h2:mem:" + prefix + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : new DriverManagerDataSource(TestPostgres.newDatabaseUrl(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)),
                        "postgres", "postgres");
        Flyway.configure().dataSource(db).locations("classpath:db/migration/" + vendor).ignoreMigrationPatterns("*:missing").load().migrate();
        return db;
    }
}
