package io.soleus.treatment.privacy;

import java.util.List;

import io.soleus.kernel.id.ClientId;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.privacy.RecordAccessLog.RecordAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who looked at a client's clinical record: for admins, and for the client themself. */
@RestController
@Validated
@Tag(name = "Record access", description = "Staff reads of a client's clinical record")
class RecordAccessController {

    private final RecordAccessLog log;

    RecordAccessController(RecordAccessLog log) {
        this.log = log;
    }

    @GetMapping("/clients/{clientId}/record-access")
    @Operation(summary = "Who opened the client's cases or timeline, and when, newest first")
    List<RecordAccess> recordAccess(@PathVariable ClientId clientId,
                                    @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        return log.of(clientId, limit, CurrentUser.get());
    }
}
