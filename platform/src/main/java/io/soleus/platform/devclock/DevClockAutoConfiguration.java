package io.soleus.platform.devclock;

import io.soleus.platform.command.CommandsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The development clock in place of the system clock, with its endpoint, when
 * {@code soleus.dev.clock-control=true}: only the local platform sets it, for its demo data.
 */
@AutoConfiguration(before = CommandsAutoConfiguration.class)
@ConditionalOnProperty(name = "soleus.dev.clock-control", havingValue = "true")
public class DevClockAutoConfiguration {

    @Bean
    DevClock clock() {
        return new DevClock();
    }

    @Bean
    DevClockController devClockController(DevClock clock) {
        return new DevClockController(clock);
    }
}
