package io.soleus.treatment.outcome;

import java.time.Duration;

import javax.sql.DataSource;

import io.soleus.platform.live.DatabaseSignals;
import io.soleus.platform.live.LiveStreams;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboards' live stream: a {@code changed} event each time a batch of the outcome or booking
 * facts commits, on every instance. The event carries no figures (a viewer may see only some
 * clinics); the dashboard asks for its own figures again.
 */
@Component
class ReportStream implements SmartLifecycle {

    private static final String EVERYONE = "reports";

    private final LiveStreams<String> streams = new LiveStreams<>(Duration.ofMinutes(30));
    private final DatabaseSignals signals;

    ReportStream(DataSource dataSource) {
        signals = new DatabaseSignals(dataSource, "reports", Duration.ofSeconds(20));
        signals.on(ReportSignals.CHANNEL, payload ->
                streams.send(EVERYONE, () -> SseEmitter.event().name("changed").data(payload)));
        signals.everyTick(streams::keepAlive);
    }

    SseEmitter open() {
        return streams.open(EVERYONE);
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
