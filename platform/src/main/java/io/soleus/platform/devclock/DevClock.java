package io.soleus.platform.devclock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for development and demonstrations only (never on unless {@code soleus.dev.clock-control}
 * is true): it runs like the system clock from whatever instant an admin last set. The local
 * platform's demo data sets it months back on fresh databases, books and treats through the public
 * APIs while moving it forward, and ends at the real time.
 */
public final class DevClock extends Clock {

    /** The instant last set and the nano time it was set at, read together. */
    private record Setting(Instant instant, long atNanos) {
    }

    private volatile Setting setting = new Setting(Instant.now(), System.nanoTime());

    public void set(Instant instant) {
        setting = new Setting(instant, System.nanoTime());
    }

    @Override
    public Instant instant() {
        Setting current = setting;
        return current.instant().plusNanos(System.nanoTime() - current.atNanos());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The development clock stays in UTC");
    }
}
