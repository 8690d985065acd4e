package io.soleus.web.client;

import io.soleus.web.privacy.RecordHistory;
import io.soleus.web.security.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The client's own record: who changed it and when, and which staff opened their clinical record. */
@Controller
class RecordPages {

    private final RecordHistory history;

    RecordPages(RecordHistory history) {
        this.history = history;
    }

    @GetMapping("/me/record")
    String record(SignedIn me, Model model) {
        model.addAttribute("history", history.of(me.id()));
        return "client/record";
    }
}
