package io.soleus.platform.live;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;

/**
 * Live streams fed by database signals: a subclass registers what each signal sends with
 * {@code signals.on(...)}, and opens streams with {@code streams.open(...)}. Streams are kept alive
 * on the listener's tick and closed when the application stops.
 */
public abstract class SignalledStreams<K> implements SmartLifecycle {

    private static final Duration TICK = Duration.ofSeconds(20);

    protected final DatabaseSignals signals;
    protected final LiveStreams<K> streams;

    protected SignalledStreams(DataSource dataSource, String name, Duration streamTimeout) {
        this.signals = new DatabaseSignals(dataSource, name, TICK);
        this.streams = new LiveStreams<>(streamTimeout);
        signals.everyTick(streams::keepAlive);
    }

    @Override
    public void start() {
        signals.start();
    }

    @Override
    public void stop() {
        signals.stop();
        streams.closeAll();
    }

    @Override
    public boolean isRunning() {
        return signals.isRunning();
    }
}
