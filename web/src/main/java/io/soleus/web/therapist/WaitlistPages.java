package io.soleus.web.therapist;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.Clinic;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The waitlists of a therapist's clinics, in the order freed slots are offered: most urgent first, then longest waiting. */
@Controller("therapistWaitlistPages")
@RequestMapping("/work/waitlist")
class WaitlistPages {

    private final BookingApi booking;

    WaitlistPages(BookingApi booking) {
        this.booking = booking;
    }

    /** One clinic's list, with what it is for. */
    public record ClinicList(Clinic clinic, List<BookingApi.WaitlistEntry> entries) {
    }

    @GetMapping
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
}
