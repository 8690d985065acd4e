package io.soleus.web.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.UUID;

import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.BookingRules;
import io.soleus.web.services.IntakeApi;
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
 * The practice's clinics for admins: where each is, its rooms, and its rules for the bookings
 * clients make themselves online (notice, how many sessions ahead, new clients, same day) and how
 * long a waitlist offer is held, each clinic's rules a form of its own; and the questionnaires it
 * asks (which intake form version, and how often outcome questionnaires are asked again).
 */
@Controller
@RequestMapping("/admin/clinics")
class ClinicPages {

    private final BookingApi booking;
    private final IntakeApi intake;

    ClinicPages(BookingApi booking, IntakeApi intake) {
        this.booking = booking;
        this.intake = intake;
    }

    @GetMapping
    String clinics(Model model) {
        model.addAttribute("clinics", booking.clinics());
        model.addAttribute("questionnaires", intake.questionnaireSettings());
        return "admin/clinics";
    }

    /** {@code intakeForm} names a form's version as {@code form:version}, as the page offers them. */
    @PostMapping("/{id}/questionnaires")
    String setQuestionnaires(@PathVariable UUID id, @RequestParam String intakeForm, @RequestParam String followUpEvery,
                             RedirectAttributes next) {
        int colon = intakeForm.lastIndexOf(':');
        String form = colon < 0 ? intakeForm : intakeForm.substring(0, colon);
        Integer version = colon < 0 ? null : number(intakeForm.substring(colon + 1));
        // what is not a number goes as none: the service names the field
        Integer every = number(followUpEvery);
        try {
            intake.setQuestionnaireSettings(id, form, version, every);
        } catch (ServiceRefused refused) {
            return invalid(refused, "invalidQuestionnaires", id, "questionnaires-", next);
        }
        ReadYourWrites.await(() -> {
            IntakeApi.QuestionnaireSettings now = intake.questionnaireSettings().of(id);
            return now.setAt() != null && now.intakeForm().equals(form) && version.equals(now.intakeFormVersion())
                    && every.equals(now.followUpEvery());
        });
        next.addFlashAttribute("savedQuestionnaires", id);
        return "redirect:/admin/clinics#questionnaires-" + id;
    }

    /** Bad input goes back to the clinic's form ({@code flag} names it), with the first field the service named. */
    private static String invalid(ServiceRefused refused, String flag, UUID id, String anchor, RedirectAttributes next) {
        if (refused.status() != 400) {
            throw refused;
        }
        next.addFlashAttribute(flag, id);
        next.addFlashAttribute("invalidField", refused.errors().isEmpty() ? "" : refused.errors().get(0).field());
        return "redirect:/admin/clinics#" + anchor + id;
    }

    private static Integer number(String number) {
        try {
            return Integer.valueOf(number.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An empty limit is no limit; an unchecked box is off (a browser sends no value for it). */
    @PostMapping("/{id}/booking-rules")
    String setRules(@PathVariable UUID id, @RequestParam BigDecimal noticeHours, @RequestParam(required = false) Integer maxUpcoming,
                    @RequestParam(defaultValue = "false") boolean newClientsOnline,
                    @RequestParam(defaultValue = "false") boolean sameDayOnline, @RequestParam long offerHoldMinutes,
                    RedirectAttributes next) {
        Duration notice = Duration.ofMinutes(noticeHours.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP).longValueExact());
        BookingRules rules = new BookingRules(notice, maxUpcoming, newClientsOnline, sameDayOnline, Duration.ofMinutes(offerHoldMinutes));
        try {
            booking.setBookingRules(id, rules);
        } catch (ServiceRefused refused) {
            return invalid(refused, "invalid", id, "clinic-", next);
        }
        ReadYourWrites.await(() -> booking.clinic(id).map(clinic -> clinic.bookingRules().equals(rules)).orElse(false));
        next.addFlashAttribute("saved", id);
        return "redirect:/admin/clinics#clinic-" + id;
    }
}
