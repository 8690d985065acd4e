package io.soleus.booking;

import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.NullLockFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Clinics, therapists and session types are read by every booking and changed rarely; a client is
 * read by every booking of theirs and written by it too (their standing sessions), but one client's
 * bookings seldom meet. Held
 * under Axon's in-process lock, every booking at a clinic would wait for the one before it; without
 * it they read in parallel, and the rare concurrent change is still caught by the event store's
 * unique (aggregate, sequence) key and sent again. Sessions and day schedules, where bookings do
 * compete, keep the lock: waiting is cheaper there than losing and retrying.
 */
@Configuration(proxyBeanMethods = false)
class BookingAxonConfiguration {

    static final String READ_MOSTLY = "readMostlyLockFactory";

    @Bean(READ_MOSTLY)
    LockFactory readMostlyLockFactory() {
        return NullLockFactory.INSTANCE;
    }
}
