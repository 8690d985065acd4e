package io.soleus.platform.audit;

import java.util.List;

import io.soleus.kernel.id.ClientId;
import io.soleus.platform.audit.AuditEntries.AuditEntry;
import io.soleus.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    private final AuditEntries entries;

    public AuditController(AuditEntries entries) {
        this.entries = entries;
    }

    @GetMapping("/clients/{clientId}/audit")
    @Operation(summary = "The changes to a client's record in this service, newest first")
    public List<AuditEntry> audit(@PathVariable ClientId clientId,
                                  @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        return entries.of(clientId, limit, CurrentUser.get());
    }
}
