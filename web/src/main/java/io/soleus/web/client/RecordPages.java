package io.soleus.web.client;

import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soleus.web.privacy.DataExport;
import io.soleus.web.privacy.Exports;
import io.soleus.web.privacy.RecordHistory;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.SignIns;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The client's own record: who changed it and when, and which staff opened their clinical record;
 * and the way to have their personal data forgotten, after which all that is left is to sign out.
 */
@Controller
class RecordPages {

    private final RecordHistory history;
    private final BookingApi booking;
    private final SignIns signIns;
    private final DataExport export;

    RecordPages(RecordHistory history, BookingApi booking, SignIns signIns, DataExport export) {
        this.history = history;
        this.booking = booking;
        this.signIns = signIns;
        this.export = export;
    }

    @GetMapping("/me/record")
    String record(SignedIn me, Model model) {
        model.addAttribute("history", history.of(me.client()));
        model.addAttribute("key", UUID.randomUUID());
        return "client/record";
    }

    /** Everything Soleus holds of them, as one JSON document to keep or take elsewhere. */
    @GetMapping(path = "/me/export.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> export(SignedIn me) {
        return Exports.download(export.of(me.client()), me.client());
    }

    @PostMapping("/me/record/forget")
    String forget(SignedIn me, @RequestParam UUID key, @RequestParam(defaultValue = "false") boolean understood,
                  RedirectAttributes next) {
        if (!understood) {
            next.addFlashAttribute("confirmFirst", true);
            return "redirect:/me/record";
        }
        booking.forget(me.client(), key.toString());
        signIns.delete(me.client());
        return "redirect:/me/record/forgotten";
    }

    /** Done: nothing of theirs is left to show them, and signing out ends their session at the provider too. */
    @GetMapping("/me/record/forgotten")
    String forgotten() {
        return "client/forgotten";
    }
}
