package io.maximbatch.ledger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    LedgerTables ledgerTables(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager, TableGrowth growth) {
        return LedgerTables.of(jdbc, transactionManager, growth);
    }
}
