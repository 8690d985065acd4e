package io.soleus.platform.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.soleus.kernel.Actor;
import io.soleus.kernel.Actor.Role;
import io.soleus.kernel.id.ClientId;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A client's audit trail as read back: newest first, each entry the change and the record it changed,
 * when and by whom. Which admin acted is told to admins only; others see that an admin did.
 */
public class AuditEntries {

    /** {@code actor} is absent where the service acted on its own, or an admin acted and the reader is none. */
    public record AuditEntry(Instant at, String service, String change, String recordId, String actor,
                             List<String> actorRoles) {
    }

    private final JdbcTemplate jdbc;
    private final String service;

    public AuditEntries(JdbcTemplate jdbc, String service) {
        this.jdbc = jdbc;
        this.service = service;
    }

    public List<AuditEntry> of(ClientId client, int limit, Actor reader) {
        boolean namesAdmins = reader.is(Role.ADMIN);
        return jdbc.query("""
                SELECT occurred_at, change, record_id, actor, actor_roles FROM audit_entry
                WHERE client_id = ? ORDER BY occurred_at DESC, position DESC LIMIT ?""",
                (row, i) -> {
                    List<String> roles = roles(row.getString(5));
                    String actor = namesAdmins || !roles.contains(Role.ADMIN.name()) ? row.getString(4) : null;
                    return new AuditEntry(row.getObject(1, OffsetDateTime.class).toInstant(), service, row.getString(2),
                            row.getString(3), actor, roles);
                },
                client.value(), limit);
    }

    private static List<String> roles(String roles) {
        return roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    }
}
