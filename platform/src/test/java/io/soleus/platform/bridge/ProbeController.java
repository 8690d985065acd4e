package io.soleus.platform.bridge;

import java.util.Map;

import io.soleus.kernel.Actor;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.value.PainScore;
import io.soleus.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that exercise the platform's security and error handling the way a service's API would. */
@RestController
class ProbeController {

    record PainReport(@NotBlank String note, @NotNull PainScore pain) {
    }

    @PostMapping("/probe/pain")
    Map<String, Object> report(@Valid @RequestBody PainReport report) {
        return Map.of("pain", report.pain().value());
    }

    @GetMapping("/probe/me")
    Actor me() {
        return CurrentUser.get();
    }

    @GetMapping("/probe/admin")
    Map<String, String> adminOnly() {
        return Map.of("ok", "admin");
    }

    /** An endpoint no access rule names: closed to everyone. */
    @GetMapping("/probe/unlisted")
    Map<String, String> unlisted() {
        return Map.of("ok", "nobody should see this");
    }

    @PostMapping("/probe/taken")
    void taken() {
        throw new RuleViolationException("slot-taken", "The therapist already has a session at that time.");
    }
}
