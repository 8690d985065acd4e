package io.soleus.treatment.outcome;

import java.time.Duration;

import javax.sql.DataSource;

import io.soleus.platform.live.SignalledStreams;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboards' live stream: a {@code changed} event each time a batch of the outcome or booking
 * facts commits, on every instance. The event carries no figures (a viewer may see only some
 * clinics); the dashboard asks for its own figures again.
 */
@Component
class ReportStream extends SignalledStreams<String> {

    private static final String EVERYONE = "reports";

    ReportStream(DataSource dataSource) {
        super(dataSource, "reports", Duration.ofMinutes(30));
        signals.on(ReportSignals.CHANNEL, payload ->
                streams.send(EVERYONE, () -> SseEmitter.event().name("changed").data(payload)));
    }

    SseEmitter open() {
        return streams.open(EVERYONE);
    }
}
