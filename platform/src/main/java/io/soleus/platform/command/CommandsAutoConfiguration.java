package io.soleus.platform.command;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The clock every service reads time from, and {@link Commands} for its API with its {@link IdempotencyKey}s. */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableScheduling
public class CommandsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CommandsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Commands commands(CommandGateway gateway, TransactionTemplate transactions, JdbcTemplate jdbc, ObjectMapper mapper,
                      Clock clock, @Value("${soleus.commands.max-attempts:12}") int maxAttempts) {
        gateway.registerDispatchInterceptor(new ActorOnCommands(clock)); // every command names who sent it, and when
        return new Commands(gateway, transactions, jdbc, mapper, clock, maxAttempts);
    }

    /**
     * Every event a command makes carries on who sent it and when (the audit trail's source). After Axon's own
     * configuration, which makes its correlation and causation ids' provider only where none exists yet.
     */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ActorOnCommands.ACTOR, ActorOnCommands.ACTOR_ROLES, ActorOnCommands.ACTED_AT);
    }

    /** Controller methods taking an {@link IdempotencyKey} get the request's header, owned by its caller. */
    @Bean
    WebMvcConfigurer idempotencyKeys() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new IdempotencyKeyArgumentResolver());
            }
        };
    }

    @Bean
    IdempotencyKeyPruner idempotencyKeyPruner(Commands commands,
                                              @Value("${soleus.idempotency.retention:P1D}") Duration retention) {
        return new IdempotencyKeyPruner(commands, retention);
    }

    /** Forgets Idempotency-Keys after their retention (a day by default), every hour. */
    record IdempotencyKeyPruner(Commands commands, Duration retention) {

        @Scheduled(fixedDelayString = "${soleus.idempotency.prune-every:PT1H}", initialDelayString = "PT1M")
        void prune() {
            int forgotten = commands.forgetKeysOlderThan(retention);
            if (forgotten > 0) {
                log.info("Forgot {} idempotency keys older than {}", forgotten, retention);
            }
        }
    }
}
