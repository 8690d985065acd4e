package io.soleus.web.admin;

import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soleus.kernel.codec.Personal;
import io.soleus.web.privacy.DataExport;
import io.soleus.web.privacy.Exports;
import io.soleus.web.privacy.RecordHistory;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.SignIns;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A client's record as an admin audits it: who changed it and when, and which staff opened it; their
 * online sign-in, with an invitation link for a client registered by staff to make one; and, at the
 * client's request, forgetting them.
 */
@Controller
class ClientRecordPages {

    private final RecordHistory history;
    private final BookingApi booking;
    private final SignIns signIns;
    private final DataExport export;

    ClientRecordPages(RecordHistory history, BookingApi booking, SignIns signIns, DataExport export) {
        this.history = history;
        this.booking = booking;
        this.signIns = signIns;
        this.export = export;
    }

    @GetMapping("/admin/clients/{clientId}/record")
    String record(@PathVariable UUID clientId, Model model) {
        BookingApi.ClientProfile client = booking.client(clientId);
        boolean erased = Personal.ERASED.equals(client.name());
        model.addAttribute("client", client);
        model.addAttribute("erased", erased);
        model.addAttribute("history", history.of(clientId));
        model.addAttribute("signIn", erased ? null : signIns.of(clientId).orElse(null));
        model.addAttribute("key", UUID.randomUUID());
        return "admin/record";
    }

    /** Everything Soleus holds of the client, as one JSON document: for the client who asked for it. */
    @GetMapping(path = "/admin/clients/{clientId}/export.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> export(@PathVariable UUID clientId) {
        return Exports.download(export.of(clientId), clientId);
    }

    /** An invitation link to hand the client, shown once: the provider keeps only its hash. */
    @PostMapping("/admin/clients/{clientId}/invite")
    String invite(@PathVariable UUID clientId, RedirectAttributes next) {
        signIns.invite(clientId).ifPresent(invitation -> next.addFlashAttribute("invitation", invitation));
        return "redirect:/admin/clients/" + clientId + "/record";
    }

    /** Forgets the client once the admin has confirmed they understand it cannot be undone. */
    @PostMapping("/admin/clients/{clientId}/forget")
    String forget(@PathVariable UUID clientId, @RequestParam UUID key,
                  @RequestParam(defaultValue = "false") boolean understood, RedirectAttributes next) {
        if (!understood) {
            next.addFlashAttribute("confirmFirst", true);
        } else {
            booking.forget(clientId, key.toString());
            signIns.delete(clientId);
            ReadYourWrites.await(() -> Personal.ERASED.equals(booking.client(clientId).name()));
            next.addFlashAttribute("forgotten", true);
        }
        return "redirect:/admin/clients/" + clientId + "/record";
    }
}
