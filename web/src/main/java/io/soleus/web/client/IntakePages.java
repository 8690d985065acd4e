package io.soleus.web.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.IntakeApi;
import io.soleus.web.services.IntakeApi.Submitted;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
import io.soleus.web.services.ServiceUnavailable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A client's intake at a clinic: the clinic's form in her language (questions about the complaint,
 * activity and health, the safety questions, the consents), answered on a phone; after a red flag,
 * plain advice to seek medical advice first. Once answered she sees her answers and consents, may
 * answer again and may withdraw a consent.
 */
@Controller
@RequestMapping("/me/intake/{clinicId}")
class IntakePages {

    /** Form fields carry the question's id after this prefix, so no question can shadow another parameter. */
    static final String ANSWER = "a.";

    private final IntakeApi intake;
    private final BookingApi booking;

    IntakePages(IntakeApi intake, BookingApi booking) {
        this.intake = intake;
        this.booking = booking;
    }

    @GetMapping
    String intake(@PathVariable UUID clinicId, SignedIn me, Locale locale, @RequestParam(required = false) String again,
                  Model model) {
        IntakeApi.File file = intake.file(me.client(), clinicId, language(locale));
        model.addAttribute("file", file);
        model.addAttribute("profile", profile(me));
        model.addAttribute("answering", file.intake() == null || again != null);
        // consent is given by ticking, never ticked for her
        return page(clinicId, locale, model, Map.of(), List.of());
    }

    @PostMapping
    String submit(@PathVariable UUID clinicId, SignedIn me, Locale locale, @RequestParam UUID key,
                  @RequestParam MultiValueMap<String, String> fields,
                  @RequestParam(name = "consent", required = false) List<String> consents, Model model,
                  RedirectAttributes next) {
        Map<String, String> answers = new LinkedHashMap<>();
        fields.forEach((name, values) -> {
            if (name.startsWith(ANSWER) && !values.isEmpty() && !values.get(0).isBlank()) {
                answers.put(name.substring(ANSWER.length()), values.get(0));
            }
        });
        List<String> ticked = consents == null ? List.of() : consents;
        Instant before = Optional.ofNullable(intake.file(me.client(), clinicId, language(locale)).intake())
                .map(IntakeApi.Intake::submittedAt).orElse(Instant.MIN);
        try {
            // a client who booked a moment ago may be unknown to the clinical record for a moment more
            Submitted submitted = ReadYourWrites.once(() -> intake.submit(me.client(), clinicId, language(locale), answers,
                    ticked, key.toString()));
            ReadYourWrites.await(() -> {
                IntakeApi.File file = intake.file(me.client(), clinicId, language(locale));
                return file.intake() != null && file.intake().submittedAt().isAfter(before)
                        && file.intake().redFlag() == submitted.redFlag()
                        && file.consents().stream().filter(IntakeApi.Consent::current).map(IntakeApi.Consent::kind).toList()
                        .containsAll(ticked);
            });
            next.addFlashAttribute("submitted", submitted);
            return "redirect:/me/intake/" + clinicId;
        } catch (ServiceRefused refused) {
            if (refused.errors().isEmpty()) {
                throw refused;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            refused.errors().forEach(error -> errors.put(error.field().replaceFirst("^answers\\.", ""), error.message()));
            model.addAttribute("errors", errors);
            model.addAttribute("file", null);
            model.addAttribute("answering", true);
            return page(clinicId, locale, model, answers, ticked);
        }
    }

    @PostMapping("/withdrawal")
    String withdraw(@PathVariable UUID clinicId, SignedIn me, @RequestParam List<String> kind, @RequestParam UUID key,
                    RedirectAttributes next) {
        intake.withdrawConsent(me.client(), clinicId, kind, key.toString());
        ReadYourWrites.await(() -> intake.file(me.client(), clinicId, "en").consents().stream()
                .filter(consent -> kind.contains(consent.kind())).noneMatch(IntakeApi.Consent::current));
        next.addFlashAttribute("withdrawn", true);
        return "redirect:/me/intake/" + clinicId;
    }

    /**
     * Consent to reminders, given or not when she registered, changed beside her other consents: it is
     * kept with her contact details, where the messages are planned from, and is hers at every clinic.
     */
    @PostMapping("/reminders")
    String reminders(@PathVariable UUID clinicId, SignedIn me, @RequestParam boolean reminders, RedirectAttributes next) {
        booking.changeRemindersConsent(me.client(), reminders);
        ReadYourWrites.await(() -> booking.client(me.client()).remindersConsent() == reminders);
        next.addFlashAttribute("remindersChanged", reminders);
        return "redirect:/me/intake/" + clinicId + "#consents";
    }

    private String page(UUID clinicId, Locale locale, Model model, Map<String, String> answers, List<String> consents) {
        String language = language(locale);
        model.addAttribute("form", intake.form(clinicId));
        model.addAttribute("lang", language);
        model.addAttribute("clinicId", clinicId);
        model.addAttribute("clinicName", booking.clinics().stream().filter(clinic -> clinic.clinicId().equals(clinicId))
                .map(BookingApi.Clinic::name).findFirst().orElse(""));
        model.addAttribute("values", answers);
        model.addAttribute("ticked", new ArrayList<>(consents));
        return "client/intake";
    }

    /** Her contact details for the reminders consent; the page stands without them while booking cannot answer. */
    private BookingApi.ClientProfile profile(SignedIn me) {
        try {
            return booking.client(me.client());
        } catch (ServiceUnavailable | ServiceRefused unavailable) {
            return null;
        }
    }

    static String language(Locale locale) {
        return "de".equals(locale.getLanguage()) ? "de" : "en";
    }
}
