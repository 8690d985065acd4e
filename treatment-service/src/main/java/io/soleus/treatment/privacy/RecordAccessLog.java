package io.soleus.treatment.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.treatment.ClinicalPolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The access log of clinical records: every time staff (a therapist or an admin) open a client's case
 * timeline or intake, who, which and when; the same person opening the same record again within ten minutes
 * is the same visit (two requests at the very same moment may still make two entries). A client reading their own record is not logged. The entry is written before
 * the record is answered, so a read the log could not take does not happen.
 */
@Component
public class RecordAccessLog {

    /** What was opened: one case's course, the client's whole timeline of cases, or all of it as an export. */
    public enum Viewed { CASE, TIMELINE, EXPORT, INTAKE }

    public record RecordAccess(Instant at, String reader, List<String> readerRoles, Viewed viewed, UUID caseId) {
    }

    /** Opening the same record again within this is the same visit: one entry, not one per page refresh. */
    static final Duration SAME_VISIT = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RecordAccessLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void opened(Actor reader, UUID client, Viewed viewed, UUID caseId) {
        if (!ClinicalPolicy.readIsLogged(reader, new ClientId(client))) {
            return;
        }
        String roles = reader.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO record_access (client_id, case_id, viewed, reader, reader_roles, read_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (
                    SELECT 1 FROM record_access WHERE client_id = ? AND read_at > ? AND reader = ? AND viewed = ?
                    AND case_id IS NOT DISTINCT FROM ?)""",
                client, caseId, viewed.name(), reader.id(), roles, Timestamp.from(now),
                client, Timestamp.from(now.minus(SAME_VISIT)), reader.id(), viewed.name(), caseId);
    }

    /** Who opened the client's record, newest first; which admin it was is told to admins only. */
    public List<RecordAccess> of(ClientId client, int limit, Actor viewer) {
        boolean namesAdmins = ClinicalPolicy.namesAdmins(viewer);
        return jdbc.query("""
                SELECT read_at, reader, reader_roles, viewed, case_id FROM record_access
                WHERE client_id = ? ORDER BY read_at DESC, id DESC LIMIT ?""",
                (row, i) -> {
                    List<String> roles = Arrays.asList(row.getString(3).split(","));
                    return new RecordAccess(row.getObject(1, OffsetDateTime.class).toInstant(),
                            namesAdmins || !roles.contains("ADMIN") ? row.getString(2) : null, roles,
                            Viewed.valueOf(row.getString(4)), row.getObject(5, UUID.class));
                },
                client.value(), limit);
    }
}
