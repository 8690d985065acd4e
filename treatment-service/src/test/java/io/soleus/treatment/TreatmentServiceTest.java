package io.soleus.treatment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.SoleusSpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The treatment service over HTTP on the real infrastructure, its clock movable; one shared service. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SoleusSpringBootTest
@Import(TreatmentServiceTest.Time.class)
public @interface TreatmentServiceTest {

    /** A Monday morning in London (on UTC in winter). */
    Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    class Time {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }
    }
}
