package io.soleus.platform.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.soleus.kernel.Actor.Role;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who changed what in a client's record, and when, newest first: for admins and for the client. The
 * entries name the change and the record, not their content; {@code actor} is absent where the
 * service acted on its own (on another service's event), and, to anyone but an admin, where an admin
 * acted ({@code actorRoles} still says so).
 */
@RestController
@Validated
@Tag(name = "Audit", description = "Who changed a client's record, from the events themselves")
public class AuditController {

    private final JdbcTemplate jdbc;
    private final String service;

    public AuditController(JdbcTemplate jdbc, @Value("${spring.application.name}") String service) {
        this.jdbc = jdbc;
        this.service = service;
    }

    public record AuditEntry(Instant at, String service, String change, String recordId, String actor,
                             List<String> actorRoles) {
    }

    @GetMapping("/clients/{clientId}/audit")
    @Operation(summary = "The changes to a client's record in this service, newest first")
    public List<AuditEntry> audit(@PathVariable ClientId clientId,
                                  @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        boolean namesAdmins = CurrentUser.get().is(Role.ADMIN);
        return jdbc.query("""
                SELECT occurred_at, change, record_id, actor, actor_roles FROM audit_entry
                WHERE client_id = ? ORDER BY occurred_at DESC, position DESC LIMIT ?""",
                (row, i) -> {
                    List<String> roles = roles(row.getString(5));
                    String actor = namesAdmins || !roles.contains(Role.ADMIN.name()) ? row.getString(4) : null;
                    return new AuditEntry(row.getObject(1, OffsetDateTime.class).toInstant(), service, row.getString(2),
                            row.getString(3), actor, roles);
                },
                clientId.value(), limit);
    }

    private static List<String> roles(String roles) {
        return roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    }
}
