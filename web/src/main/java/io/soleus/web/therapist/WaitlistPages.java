package io.soleus.web.therapist;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.soleus.web.common.WaitlistForm;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.Clinic;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The waitlists of a therapist's clinics, in the order freed slots are offered: most urgent first,
 * then longest waiting; and, from a session's page, a client put on their clinic's list by staff.
 */
@Controller("therapistWaitlistPages")
@RequestMapping("/work")
class WaitlistPages {

    private final BookingApi booking;

    WaitlistPages(BookingApi booking) {
        this.booking = booking;
    }

    /** One clinic's list, with what it is for. */
    public record ClinicList(Clinic clinic, List<BookingApi.WaitlistEntry> entries) {
    }

    @GetMapping("/waitlist")
    String waitlists(SignedIn me, Model model) {
        List<Clinic> mine = booking.clinics().stream()
                .filter(clinic -> me.clinics().contains(clinic.clinicId().toString())).toList();
        model.addAttribute("lists", mine.stream().map(clinic -> new ClinicList(clinic, booking.clinicWaitlist(clinic.clinicId())))
                .toList());
        Map<UUID, String> therapists = booking.therapists().stream()
                .collect(Collectors.toMap(BookingApi.Therapist::therapistId, BookingApi.Therapist::name));
        model.addAttribute("therapistNames", therapists);
        return "therapist/waitlist";
    }

    /** Puts the session's client on its clinic's waitlist, for this therapist or anyone, as the client can make it. */
    @PostMapping("/sessions/{sessionId}/waitlist")
    String join(@PathVariable UUID sessionId, @RequestParam UUID sessionTypeId, @RequestParam(defaultValue = "false") boolean anyone,
                @RequestParam(required = false) List<DayOfWeek> days, @RequestParam String from, @RequestParam String to,
                @RequestParam String urgency, @RequestParam UUID key, RedirectAttributes next) {
        BookingApi.Session session = booking.session(sessionId);
        try {
            booking.joinWaitlist(session.clientId(), session.clinicId(), sessionTypeId, anyone ? null : session.therapistId(),
                    WaitlistForm.times(days, from, to), urgency, key.toString());
        } catch (ServiceRefused refused) {
            if (refused.status() != 400 && refused.status() != 409) {
                throw refused;
            }
            next.addFlashAttribute("waitlistRefused", true);
            return "redirect:/work/sessions/" + sessionId + "#waitlist";
        }
        ReadYourWrites.await(() -> booking.clinicWaitlist(session.clinicId()).stream()
                .anyMatch(entry -> entry.clientId().equals(session.clientId()) && entry.sessionTypeId().equals(sessionTypeId)));
        next.addFlashAttribute("waitlisted", true);
        return "redirect:/work/sessions/" + sessionId + "#waitlist";
    }
}
