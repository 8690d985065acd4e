package io.soleus.booking.scheduling;

import io.soleus.booking.session.EarlierSessions;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link EarlierSessions} from the scheduling read model's sessions (the client's index). */
@Component
class EarlierSessionsInReadModel implements EarlierSessions {

    private final JdbcTemplate jdbc;

    EarlierSessionsInReadModel(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean anyAt(ClientId client, ClinicId clinic) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM scheduling_session
                               WHERE client_id = ? AND clinic_id = ? AND status <> 'CANCELLED')""",
                Boolean.class, client.value(), clinic.value()));
    }
}
