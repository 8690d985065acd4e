package io.soleus.treatment.outcome;

import io.soleus.platform.live.DatabaseSignals;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the live dashboards that the figures changed: a handler that changed a read model calls
 * {@link #changed()}, and its batch's transaction signals once, on commit. So a dashboard refreshes
 * after the change is visible, once per batch rather than once per event, and hears nothing of a
 * batch that rolled back.
 */
@Component
public class ReportSignals {

    static final String CHANNEL = "soleus_reports";

    private final JdbcTemplate jdbc;

    public ReportSignals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void changed() {
        if (!CurrentUnitOfWork.isStarted()) {
            DatabaseSignals.signal(jdbc, CHANNEL, "changed");
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.resources().putIfAbsent(CHANNEL, Boolean.TRUE) == null) {
            batch.onPrepareCommit(unitOfWork -> DatabaseSignals.signal(jdbc, CHANNEL, "changed"));
        }
    }
}
