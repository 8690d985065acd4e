package io.soleus.web.client;

import java.time.DayOfWeek;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.soleus.web.common.WaitlistForm;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.Clinic;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A client's waitlist: they join a clinic's list for a session type (a therapist if they wish), with
 * the days and hours they can make and how soon they need to be seen; they see where they stand,
 * leave, and take an offer of a freed slot from the link its message carries.
 */
@Controller
@RequestMapping("/me")
class WaitlistPages {

    private final BookingApi booking;

    WaitlistPages(BookingApi booking) {
        this.booking = booking;
    }

    @GetMapping("/waitlist")
    String waitlist(SignedIn me, Model model) {
        model.addAttribute("entries", booking.waitlistOf(me.client()));
        List<Clinic> clinics = booking.clinics();
        model.addAttribute("clinics", clinics.stream().filter(clinic -> !clinic.closed()).toList());
        model.addAttribute("clinicNames", clinics.stream().collect(Collectors.toMap(Clinic::clinicId, Clinic::name)));
        model.addAttribute("types", booking.sessionTypes());
        model.addAttribute("therapists", booking.therapists());
        WaitlistForm.choices(model, LocaleContextHolder.getLocale());
        model.addAttribute("key", UUID.randomUUID());
        return "client/waitlist";
    }

    /** The days ticked, each from {@code from} to {@code to}: the times the client can make. */
    @PostMapping("/waitlist")
    String join(SignedIn me, @RequestParam UUID clinicId, @RequestParam UUID sessionTypeId,
                @RequestParam(required = false) UUID therapistId, @RequestParam(required = false) List<DayOfWeek> days,
                @RequestParam String from, @RequestParam String to, @RequestParam String urgency, @RequestParam UUID key,
                RedirectAttributes next) {
        try {
            booking.joinWaitlist(null, clinicId, sessionTypeId, therapistId, WaitlistForm.times(days, from, to), urgency,
                    key.toString());
        } catch (ServiceRefused refused) {
            if (refused.status() != 400 && refused.status() != 409) {
                throw refused;
            }
            next.addFlashAttribute("joinRefused", refused.errors().isEmpty() ? refused.rule().orElse("") : refused.errors().get(0).field());
            return "redirect:/me/waitlist";
        }
        UUID client = me.client();
        ReadYourWrites.await(() -> booking.waitlistOf(client).stream().anyMatch(entry -> entry.clinicId().equals(clinicId)
                && entry.sessionTypeId().equals(sessionTypeId) && entry.open()));
        next.addFlashAttribute("joined", true);
        return "redirect:/me/waitlist";
    }

    @PostMapping("/waitlist/{entryId}/leave")
    String leave(SignedIn me, @PathVariable UUID entryId, RedirectAttributes next) {
        booking.leaveWaitlist(entryId);
        UUID client = me.client();
        ReadYourWrites.await(() -> booking.waitlistOf(client).stream()
                .noneMatch(entry -> entry.entryId().equals(entryId) && entry.open()));
        next.addFlashAttribute("left", true);
        return "redirect:/me/waitlist";
    }

    @GetMapping("/offers/{offerId}")
    String offer(@PathVariable UUID offerId, Model model) {
        model.addAttribute("offer", booking.offer(offerId));
        model.addAttribute("key", UUID.randomUUID());
        return "client/offer";
    }

    @PostMapping("/offers/{offerId}/accept")
    String accept(SignedIn me, @PathVariable UUID offerId, @RequestParam UUID key, Model model, RedirectAttributes next) {
        try {
            UUID session = booking.acceptOffer(offerId, key.toString());
            UUID client = me.client();
            ReadYourWrites.await(() -> booking.sessionsOf(client).upcoming().stream()
                    .anyMatch(upcoming -> upcoming.sessionId().equals(session)));
        } catch (ServiceRefused refused) {
            if (refused.status() != 409) {
                throw refused;
            }
            model.addAttribute("refused", refused.rule().orElse("offer-expired"));
            return offer(offerId, model);
        }
        next.addFlashAttribute("booked", offerId);
        return "redirect:/me/sessions";
    }
}
