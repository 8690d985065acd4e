package io.soleus.notifications;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The notifications service: it reads booking's and treatment's events from Kafka, plans the
 * messages they call for and delivers each once by email, SMS or the in-app feed.
 */
@SpringBootApplication
@EnableConfigurationProperties(NotificationsProperties.class)
public class NotificationsApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationsApplication.class, args);
    }

    /** db-scheduler reads the application's clock, so tests that move time move reminders too. */
    @Bean
    com.github.kagkarlsson.scheduler.Clock dbSchedulerClock(Clock clock) {
        return clock::instant;
    }
}
