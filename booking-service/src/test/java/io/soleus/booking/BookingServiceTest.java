package io.soleus.booking;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.SoleusSpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The booking service over HTTP on the real infrastructure, with its clock at {@link Practice#NOW}
 * and movable. Every test class using it shares one running service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SoleusSpringBootTest
@Import(BookingServiceTest.Time.class)
public @interface BookingServiceTest {

    @TestConfiguration(proxyBeanMethods = false)
    class Time {

        @Bean
        MutableClock clock() {
            return new MutableClock(Practice.NOW);
        }
    }
}
