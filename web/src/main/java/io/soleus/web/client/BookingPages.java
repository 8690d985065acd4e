package io.soleus.web.client;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.soleus.web.common.Times;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.Clinic;
import io.soleus.web.services.BookingApi.FreeSlot;
import io.soleus.web.services.BookingApi.Session;
import io.soleus.web.services.BookingApi.SessionType;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A client finds a free slot (clinic, session type, a therapist if they wish, a week at a time),
 * books it after reading how late they may cancel, and later moves or cancels it. Every change
 * carries an idempotency key made when its form was shown, so a double click or a reload books once.
 */
@Controller
@RequestMapping("/me")
class BookingPages {

    private final BookingApi booking;
    private final Times times;

    BookingPages(BookingApi booking, Times times) {
        this.booking = booking;
        this.times = times;
    }

    /** The search: each part optional until chosen; the week is the Monday it starts on. */
    public record Search(UUID clinicId, UUID sessionTypeId, UUID therapistId, LocalDate week) {

        public boolean complete() {
            return clinicId != null && sessionTypeId != null;
        }
    }

    /** Free slots of one day, in the clinic's time. */
    public record Day(LocalDate date, List<FreeSlot> slots) {

        static List<Day> of(List<FreeSlot> slots) {
            return slots.stream().collect(Collectors.groupingBy(slot -> slot.localStart().toLocalDate(), TreeMap::new,
                    Collectors.toList())).entrySet().stream().map(day -> new Day(day.getKey(), day.getValue())).toList();
        }
    }

    /** The search page; htmx asks for it again as the choices change and takes the form and the results from it. */
    @GetMapping("/book")
    String book(@ModelAttribute Search search, Model model) {
        search(search, model);
        return "client/book";
    }

    private void search(Search asked, Model model) {
        List<Clinic> clinics = booking.clinics().stream().filter(clinic -> !clinic.closed()).toList();
        List<SessionType> types = booking.sessionTypes();
        LocalDate week = monday(asked.week());
        model.addAttribute("clinics", clinics);
        model.addAttribute("types", types);
        List<BookingApi.Therapist> therapists = asked.clinicId() == null ? List.of() : booking.therapists().stream()
                .filter(therapist -> therapist.clinics().contains(asked.clinicId())).toList();
        model.addAttribute("therapists", therapists);
        clinics.stream().filter(clinic -> clinic.clinicId().equals(asked.clinicId())).findFirst()
                .ifPresent(clinic -> model.addAttribute("chosen", clinic));
        // a therapist chosen at another clinic is no choice here
        UUID therapist = therapists.stream().map(BookingApi.Therapist::therapistId)
                .filter(id -> id.equals(asked.therapistId())).findFirst().orElse(null);
        Search search = new Search(asked.clinicId(), asked.sessionTypeId(), therapist, week);
        model.addAttribute("search", search);
        model.addAttribute("previousWeek", week.minusWeeks(1));
        model.addAttribute("nextWeek", week.plusWeeks(1));
        model.addAttribute("thisWeek", !week.isAfter(times.today()));
        if (search.complete()) {
            List<FreeSlot> slots = booking.freeSlots(search.clinicId(), search.sessionTypeId(), week, week.plusDays(6),
                    search.therapistId()).slots();
            model.addAttribute("days", Day.of(slots));
            model.addAttribute("found", slots.size());
        }
    }

    @GetMapping("/book/confirm")
    String confirm(@RequestParam UUID clinicId, @RequestParam UUID sessionTypeId, @RequestParam(required = false) UUID therapistId,
                   @RequestParam Instant start, Model model) {
        Clinic clinic = booking.clinic(clinicId).orElseThrow(() -> new ServiceRefused(404, "no clinic", null, List.of()));
        SessionType type = booking.sessionTypes().stream().filter(t -> t.sessionTypeId().equals(sessionTypeId)).findFirst()
                .orElseThrow(() -> new ServiceRefused(404, "no session type", null, List.of()));
        LocalDate day = start.atZone(java.time.ZoneId.of(clinic.timeZone())).toLocalDate();
        Optional<FreeSlot> slot = booking.freeSlots(clinicId, sessionTypeId, day, day, therapistId).slots().stream()
                .filter(free -> free.start().equals(start)).findFirst();
        if (slot.isEmpty()) {
            model.addAttribute("taken", true);
            search(new Search(clinicId, sessionTypeId, therapistId, day), model);
            return "client/book";
        }
        UUID therapist = therapistId != null ? therapistId : slot.get().therapists().get(0);
        model.addAttribute("clinic", clinic);
        model.addAttribute("type", type);
        model.addAttribute("slot", slot.get());
        model.addAttribute("therapist", booking.therapists().stream().filter(t -> t.therapistId().equals(therapist))
                .findFirst().orElseThrow());
        model.addAttribute("key", UUID.randomUUID());
        return "client/confirm";
    }

    @PostMapping("/book")
    String booked(SignedIn me, @RequestParam UUID clinicId, @RequestParam UUID sessionTypeId, @RequestParam UUID therapistId,
                  @RequestParam Instant start, @RequestParam UUID key, Model model, RedirectAttributes next) {
        try {
            BookingApi.Booked booked = booking.book(null, therapistId, clinicId, sessionTypeId, start, key.toString());
            ReadYourWrites.await(() -> booking.sessionsOf(me.client()).upcoming().stream()
                    .anyMatch(session -> session.sessionId().equals(booked.sessionId())));
            next.addFlashAttribute("booked", booked.sessionId());
            return "redirect:/me/sessions";
        } catch (ServiceRefused refused) {
            if (refused.status() != 409 && refused.status() != 422) {
                throw refused;
            }
            model.addAttribute("refused", refused.rule().orElse("slot-taken"));
            search(new Search(clinicId, sessionTypeId, null, start.atZone(times.zone()).toLocalDate()), model);
            return "client/book";
        }
    }

    @GetMapping("/sessions")
    String sessions(SignedIn me, Model model) {
        model.addAttribute("sessions", booking.sessionsOf(me.client()));
        model.addAttribute("clinics", booking.clinics().stream().collect(Collectors.toMap(Clinic::clinicId, clinic -> clinic)));
        return "client/sessions";
    }

    @GetMapping("/sessions/{id}/cancel")
    String cancelling(@PathVariable UUID id, Model model) {
        Session session = booking.session(id);
        model.addAttribute("appointment", session);
        model.addAttribute("late", insideLateWindow(session));
        model.addAttribute("window", window(session));
        return "client/cancel";
    }

    /** Cancels the session, or with {@code following} it and every later one of its course still to come. */
    @PostMapping("/sessions/{id}/cancel")
    String cancel(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, @RequestParam UUID key,
                  @RequestParam(defaultValue = "false") boolean following, RedirectAttributes next) {
        String why = reason.isBlank() ? "Cancelled online" : reason.strip();
        BookingApi.Course course = following ? booking.session(id).course() : null;
        if (course != null) {
            booking.cancelCourseFrom(course.seriesId(), id, why, key.toString());
        } else {
            booking.cancel(id, why, key.toString());
        }
        ReadYourWrites.await(() -> "CANCELLED".equals(booking.session(id).status()));
        next.addFlashAttribute("cancelled", id);
        return "redirect:/me/sessions";
    }

    /** The week's free times to move the session to; with {@code following}, its course's later sessions move with it. */
    @GetMapping("/sessions/{id}/reschedule")
    String rescheduling(@PathVariable UUID id, @RequestParam(required = false) LocalDate week,
                        @RequestParam(defaultValue = "false") boolean following, Model model) {
        Session session = booking.session(id);
        model.addAttribute("appointment", session);
        model.addAttribute("following", following && session.course() != null);
        model.addAttribute("window", window(session));
        if (insideLateWindow(session)) {
            model.addAttribute("late", true);
            return "client/reschedule";
        }
        LocalDate monday = monday(week == null ? session.localStart().toLocalDate() : week);
        model.addAttribute("week", monday);
        model.addAttribute("previousWeek", monday.minusWeeks(1));
        model.addAttribute("nextWeek", monday.plusWeeks(1));
        model.addAttribute("days", Day.of(booking.freeSlots(session.clinicId(), session.sessionTypeId(), monday,
                monday.plusDays(6), session.therapistId()).slots()));
        model.addAttribute("key", UUID.randomUUID());
        return "client/reschedule";
    }

    @PostMapping("/sessions/{id}/reschedule")
    String reschedule(@PathVariable UUID id, @RequestParam Instant start, @RequestParam UUID key,
                      @RequestParam(defaultValue = "false") boolean following, Model model, RedirectAttributes next) {
        try {
            BookingApi.Course course = following ? booking.session(id).course() : null;
            if (course != null) {
                booking.rescheduleCourseFrom(course.seriesId(), id, start, key.toString());
            } else {
                booking.reschedule(id, start, key.toString());
            }
            ReadYourWrites.await(() -> booking.session(id).start().equals(start));
        } catch (ServiceRefused refused) {
            if (refused.status() != 409) {
                throw refused;
            }
            next.addFlashAttribute("refused", refused.rule().orElse("slot-taken"));
            return "redirect:/me/sessions/" + id + "/reschedule" + (following ? "?following=true" : "");
        }
        next.addFlashAttribute("moved", id);
        return "redirect:/me/sessions";
    }

    private boolean insideLateWindow(Session session) {
        return !times.now().isBefore(session.start().minus(window(session)));
    }

    private Duration window(Session session) {
        return booking.clinic(session.clinicId()).map(Clinic::lateCancellationWindow).orElse(Duration.ofHours(24));
    }

    private LocalDate monday(LocalDate week) {
        LocalDate day = week == null || week.isBefore(times.today()) ? times.today() : week;
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
