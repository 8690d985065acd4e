package io.soleus.web.admin;

import java.util.UUID;

import io.soleus.web.privacy.RecordHistory;
import io.soleus.web.services.BookingApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A client's record as an admin audits it: who changed it and when, and which staff opened it. */
@Controller
class ClientRecordPages {

    private final RecordHistory history;
    private final BookingApi booking;

    ClientRecordPages(RecordHistory history, BookingApi booking) {
        this.history = history;
        this.booking = booking;
    }

    @GetMapping("/admin/clients/{clientId}/record")
    String record(@PathVariable UUID clientId, Model model) {
        model.addAttribute("client", booking.client(clientId));
        model.addAttribute("history", history.of(clientId));
        return "admin/record";
    }
}
