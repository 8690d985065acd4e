package io.soleus.web.therapist;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.soleus.web.client.PainChart;
import io.soleus.web.common.Section;
import io.soleus.web.common.WaitlistForm;
import io.soleus.web.common.Times;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.Session;
import io.soleus.web.services.IntakeApi;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
import io.soleus.web.services.TreatmentApi;
import io.soleus.web.services.TreatmentApi.Assessment;
import io.soleus.web.services.TreatmentApi.CaseOutcome;
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
 * One session as its therapist works it: who the client is, their intake (a red flag first of all)
 * and consent, taken at the desk if missing, their history with its pain chart, attended or missed,
 * the case it belongs to (opened here if there is none), and the session's record charted on the
 * body map, with last session's findings drawn back on it.
 */
@Controller
@RequestMapping("/work/sessions/{sessionId}")
class SessionPages {

    private final BookingApi booking;
    private final TreatmentApi treatment;
    private final IntakeApi intake;
    private final Times times;

    SessionPages(BookingApi booking, TreatmentApi treatment, IntakeApi intake, Times times) {
        this.booking = booking;
        this.treatment = treatment;
        this.intake = intake;
        this.times = times;
    }

    @GetMapping
    String session(@PathVariable UUID sessionId, SignedIn me, Model model) {
        Session session = booking.session(sessionId);
        model.addAttribute("appointment", session);
        model.addAttribute("client", Section.of(() -> booking.client(session.clientId())));
        model.addAttribute("file", Section.of(() -> intake.file(session.clientId(), session.clinicId(),
                LocaleContextHolder.getLocale().getLanguage())));
        Section<List<CaseOutcome>> history = Section.of(() -> timeline(session.clientId()));
        model.addAttribute("history", history);
        if (history.available()) {
            Optional<CaseOutcome> current = currentCase(history.value(), session, me);
            current.ifPresent(found -> {
                model.addAttribute("current", found);
                model.addAttribute("chart", PainChart.of(found));
                found.assessmentOf(sessionId).ifPresent(recorded -> model.addAttribute("recorded", recorded));
                model.addAttribute("previous", previousFindings(found, session));
            });
        }
        boolean today = session.localStart().toLocalDate().equals(times.today());
        model.addAttribute("chartable", "ATTENDED".equals(session.status()) || session.booked() && today);
        model.addAttribute("started", !times.now().isBefore(session.start()));
        model.addAttribute("key", UUID.randomUUID());
        // a course of follow-ups from a week after this session, at its time, with its therapist
        model.addAttribute("courseTypes", booking.sessionTypes().stream()
                .filter(type -> type.therapists().contains(session.therapistId())).toList());
        model.addAttribute("courseDate", session.localStart().toLocalDate().plusWeeks(1));
        model.addAttribute("courseTime", session.localStart().toLocalTime());
        WaitlistForm.choices(model, LocaleContextHolder.getLocale());
        return "therapist/session";
    }

    @PostMapping("/attended")
    String attended(@PathVariable UUID sessionId, @RequestParam UUID key, RedirectAttributes next) {
        return mark(sessionId, () -> booking.attended(sessionId, key.toString()), "ATTENDED", next);
    }

    @PostMapping("/missed")
    String missed(@PathVariable UUID sessionId, @RequestParam UUID key, RedirectAttributes next) {
        return mark(sessionId, () -> booking.missed(sessionId, key.toString()), "MISSED", next);
    }

    /** The client consents at the desk, to treatment and to the processing of its data, before the record. */
    @PostMapping("/consent")
    String consent(@PathVariable UUID sessionId, @RequestParam UUID key, RedirectAttributes next) {
        Session session = booking.session(sessionId);
        intake.giveConsent(session.clientId(), session.clinicId(), List.of("TREATMENT", "DATA_PROCESSING"), key.toString());
        ReadYourWrites.await(() -> intake.file(session.clientId(), session.clinicId(), "en").consented());
        next.addFlashAttribute("done", "consent");
        return "redirect:/work/sessions/" + sessionId + "#intake";
    }

    /** The red flag is cleared, for instance by a doctor who saw the client: the therapist notes how. */
    @PostMapping("/red-flag-clearance")
    String clearRedFlag(@PathVariable UUID sessionId, @RequestParam String note, @RequestParam UUID key,
                        RedirectAttributes next) {
        Session session = booking.session(sessionId);
        try {
            intake.clearRedFlag(session.clientId(), session.clinicId(), note, key.toString());
        } catch (ServiceRefused refused) {
            // a blank note, or a flag cleared meanwhile (a second click, a colleague): the page says which
            String rule = refused.status() == 400 ? "clearance-note-required" : refused.rule().orElseThrow(() -> refused);
            next.addFlashAttribute("refused", rule);
            return "redirect:/work/sessions/" + sessionId + "#red-flag";
        }
        ReadYourWrites.await(() -> intake.file(session.clientId(), session.clinicId(), "en").intake().clearance() != null);
        next.addFlashAttribute("done", "redFlagCleared");
        return "redirect:/work/sessions/" + sessionId + "#red-flag";
    }

    @PostMapping("/case")
    String openCase(@PathVariable UUID sessionId, @RequestParam String complaint, @RequestParam String finding,
                    @RequestParam(required = false) String otherFinding, @RequestParam String side,
                    @RequestParam(required = false) List<String> factors, @RequestParam UUID key, RedirectAttributes next) {
        Session session = booking.session(sessionId);
        String[] workingFinding = workingFinding(finding, otherFinding);
        try {
            UUID caseId = treatment.openCase(session.clientId(), session.clinicId(), complaint, workingFinding[0],
                    workingFinding[1], side, factors == null ? List.of() : factors, key.toString());
            ReadYourWrites.await(() -> treatment.caseOf(caseId) != null);
            next.addFlashAttribute("done", "case");
        } catch (ServiceRefused refused) {
            if (refused.notFound()) {
                throw refused;
            }
            next.addFlashAttribute("caseRefused", refused.errors().isEmpty() ? List.of(new ServiceRefused.FieldError(
                    refused.rule().orElse("case"), refused.getMessage())) : refused.errors());
        }
        return "redirect:/work/sessions/" + sessionId + "#case";
    }

    @PostMapping("/record")
    String record(@PathVariable UUID sessionId, @RequestParam UUID caseId, @RequestParam(required = false) Integer pain,
                  @RequestParam(required = false) List<String> muscle, @RequestParam(required = false) List<String> side,
                  @RequestParam(required = false) List<String> region, @RequestParam(required = false) List<String> severity,
                  @RequestParam(required = false) List<String> treated, @RequestParam(required = false) String tightness,
                  @RequestParam(required = false) String notes, @RequestParam(required = false) String pressure,
                  @RequestParam(required = false) Integer seconds, @RequestParam(required = false) String tpResponse,
                  @RequestParam(required = false) String releaseMuscle, @RequestParam(required = false) String releaseSide,
                  @RequestParam(required = false) Integer releaseMinutes, @RequestParam(required = false) String releaseResponse,
                  @RequestParam UUID key, RedirectAttributes next) {
        Charting charting = Charting.read(sessionId.toString(), pain, new Charting.Points(muscle, side, region, severity, treated),
                tightness, notes, pressure, seconds, tpResponse, releaseMuscle, releaseSide, releaseMinutes, releaseResponse);
        if (!charting.errors().isEmpty()) {
            next.addFlashAttribute("recordErrors", charting.errors());
            return "redirect:/work/sessions/" + sessionId + "#record";
        }
        try {
            // one key for the whole form, a suffix for each request: sent again, none of them is recorded twice
            treatment.assess(caseId, charting.assessment(), key + ":assessment");
            for (int i = 0; i < charting.triggerPointTherapy().size(); i++) {
                treatment.triggerPointTreatment(caseId, charting.triggerPointTherapy().get(i), key + ":trigger-point:" + i);
            }
            if (charting.release() != null) {
                treatment.myofascialRelease(caseId, charting.release(), key + ":release");
            }
            int treatments = charting.triggerPointTherapy().size() + (charting.release() == null ? 0 : 1);
            ReadYourWrites.await(() -> {
                CaseOutcome recorded = treatment.caseOf(caseId);
                return recorded.assessmentOf(sessionId).isPresent() && recorded.treatmentsIn(sessionId).size() >= treatments;
            });
            next.addFlashAttribute("done", "record");
        } catch (ServiceRefused refused) {
            if (refused.notFound()) {
                throw refused;
            }
            next.addFlashAttribute("recordRefused", refused.rule().orElse(null));
            next.addFlashAttribute("recordErrors", refused.errors());
        }
        return "redirect:/work/sessions/" + sessionId + "#record";
    }

    private String mark(UUID sessionId, Runnable change, String status, RedirectAttributes next) {
        try {
            change.run();
            ReadYourWrites.await(() -> status.equals(booking.session(sessionId).status()));
            next.addFlashAttribute("done", status.toLowerCase());
        } catch (ServiceRefused refused) {
            if (refused.status() != 409) {
                throw refused;
            }
            next.addFlashAttribute("refused", refused.rule().orElse("session-attended"));
        }
        return "redirect:/work/sessions/" + sessionId;
    }

    /** A client this therapist has not seen has no history here yet: that is an empty list, not a missing page. */
    private List<CaseOutcome> timeline(UUID clientId) {
        try {
            return treatment.timeline(clientId);
        } catch (ServiceRefused refused) {
            if (refused.notFound()) {
                return List.of();
            }
            throw refused;
        }
    }

    /** The case this session belongs to: the client's open case at the session's clinic, this therapist's first, the newest. */
    static Optional<CaseOutcome> currentCase(List<CaseOutcome> cases, Session session, SignedIn me) {
        return cases.stream().filter(c -> c.clinicId().equals(session.clinicId()))
                .filter(c -> c.open() || c.assessmentOf(session.sessionId()).isPresent())
                .max(Comparator.comparing((CaseOutcome c) -> me.isTherapist(c.therapistId()))
                        .thenComparing(CaseOutcome::openedAt));
    }

    /** The findings of the latest assessment before this session: drawn back on the body map. */
    private static List<TreatmentApi.TriggerPoint> previousFindings(CaseOutcome current, Session session) {
        return current.assessments().stream().filter(a -> !a.sessionId().equals(session.sessionId())
                        && a.recordedAt().isBefore(session.end()))
                .max(Comparator.comparing(Assessment::recordedAt)).map(Assessment::triggerPoints).orElse(List.of());
    }

    private static String[] workingFinding(String code, String other) {
        if ("other".equals(code)) {
            String label = other == null || other.isBlank() ? "Other" : other.strip();
            String slug = label.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            return new String[] {slug.length() < 2 ? "other" : slug.substring(0, Math.min(40, slug.length())), label};
        }
        return Vocabulary.FINDINGS.stream().filter(f -> f.code().equals(code)).findFirst()
                .map(f -> new String[] {f.code(), f.label()}).orElse(new String[] {code, code});
    }
}
