package io.maximbatch.partition;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;

/**
 * The queue of partition requests, a Spring Integration channel kept in the job database (table
 * INT_CHANNEL_MESSAGE, PostgreSQL): the manager adds a request per partition, each worker takes the oldest
 * one nobody holds, in one statement, so that every request reaches exactly one worker. No broker to run.
 */
@Configuration(proxyBeanMethods = false)
class PartitionQueue {

    static final String REGION = "maxim-batch";
    static final String QUEUE = "partition-requests";

    @Bean
    JdbcChannelMessageStore partitionRequestStore(DataSource dataSource) {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.setRegion(REGION);
        // The table exists on PostgreSQL only (remote workers need it); H2 runs partitions locally.
        store.setCheckDatabaseOnStart(false);
        // Requests are JSON, read without Java deserialization.
        PartitionRequestCodec codec = new PartitionRequestCodec();
        store.setSerializer(codec);
        store.setDeserializer(codec);
        return store;
    }

    @Bean
    QueueChannel partitionRequests(JdbcChannelMessageStore partitionRequestStore) {
        return new QueueChannel(new MessageGroupQueue(partitionRequestStore, QUEUE));
    }
}
