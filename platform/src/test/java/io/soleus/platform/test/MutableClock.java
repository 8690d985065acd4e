package io.soleus.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, so rules about time are tested at the moments that matter. A
 * {@link #ticking} one also runs on in real time between the moves, for code that waits on its
 * clock (a scheduler polling for due work would otherwise wait forever).
 */
public final class MutableClock extends Clock {

    /** The instant last set and when it was set, read together so a moving clock never jumps. */
    private record Setting(Instant instant, long atNanos) {
    }

    private final boolean ticking;
    private volatile Setting setting;

    public MutableClock(Instant now) {
        this(now, false);
    }

    private MutableClock(Instant now, boolean ticking) {
        this.setting = new Setting(now, System.nanoTime());
        this.ticking = ticking;
    }

    public static MutableClock ticking(Instant start) {
        return new MutableClock(start, true);
    }

    public synchronized void set(Instant instant) {
        setting = new Setting(instant, System.nanoTime());
    }

    public synchronized void advance(Duration duration) {
        set(instant().plus(duration));
    }

    @Override
    public Instant instant() {
        Setting current = setting;
        return ticking ? current.instant().plusNanos(System.nanoTime() - current.atNanos()) : current.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("A test clock stays in UTC");
    }
}
