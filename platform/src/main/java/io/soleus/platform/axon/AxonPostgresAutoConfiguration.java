package io.soleus.platform.axon;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import javax.sql.DataSource;

import io.soleus.kernel.codec.UtcInstants;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Axon on PostgreSQL: snake_case schemas matching the platform's Flyway migration, the platform's
 * own schema migrated before the service's, and failing event handlers rolled back rather than
 * silently skipped.
 */
@AutoConfiguration(before = JdbcAutoConfiguration.class)
@Import(DeadLetterController.class)
@EnableConfigurationProperties(TokenStoreProperties.class)
public class AxonPostgresAutoConfiguration {

    /** Flyway history of the platform's tables, kept apart so services number their migrations freely. */
    static final String PLATFORM_HISTORY_TABLE = "flyway_platform_history";
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Spring's ObjectMapper, which Axon's event serializer and the request bodies use, reads the
     * instants Soleus writes without {@code DateTimeFormatter} (a sixth of the CPU of replaying events).
     */
    @Bean
    UtcInstants utcInstants() {
        return new UtcInstants();
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * The token store, with an owner name unique to this running instance: two instances in one JVM
     * (tests) or two pods that reuse a process id must never both believe they hold a segment's claim.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, @Qualifier("serializer") Serializer serializer,
                          TokenSchema tokenSchema, TokenStoreProperties properties) {
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(owner)
                .build();
    }

    /**
     * Tells a lost race for an aggregate (PostgreSQL's unique_violation on aggregate and sequence)
     * from other storage errors, so Axon reports it as a concurrency conflict that can be retried.
     * Axon's default JDBC resolver looks for an exception type the PostgreSQL driver never throws.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /**
     * The event store: Axon's on JDBC, with fewer round trips per aggregate loaded ({@link SoleusEventStorageEngine})
     * and the decoded histories of up to {@code soleus.event-store.held-events} events of recently loaded
     * aggregates ({@link LoadedHistories}; 0 turns them off).
     */
    @Bean
    EventStorageEngine eventStorageEngine(@Value("${soleus.event-store.held-events}") long heldEvents,
                                          Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return new SoleusEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema), heldEvents > 0 ? new LoadedHistories(heldEvents) : null);
    }

    /** The platform's tables first (own history table), then the service's migrations. */
    @Bean
    FlywayMigrationStrategy platformFirstMigrationStrategy(DataSource dataSource) {
        return serviceFlyway -> {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/platform")
                    .table(PLATFORM_HISTORY_TABLE)
                    .baselineOnMigrate(false)
                    .load()
                    .migrate();
            serviceFlyway.migrate();
        };
    }

    /**
     * A projection that cannot apply an event must not skip it: the batch rolls back and is retried,
     * or, where a processing group has a dead-letter queue, the event is parked there.
     */
    @Bean
    ConfigurerModule propagateHandlerFailures() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
