package io.soleus.web.therapist;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.soleus.web.common.Section;
import io.soleus.web.common.Times;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.IntakeApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A therapist's calendar by week or by day across their clinics: sessions, free time and time off. */
@Controller
@RequestMapping("/work")
class CalendarPages {

    private final BookingApi booking;
    private final Times times;

    private final IntakeApi intake;

    CalendarPages(BookingApi booking, IntakeApi intake, Times times) {
        this.booking = booking;
        this.intake = intake;
        this.times = times;
    }

    @GetMapping
    String calendar(SignedIn me, @RequestParam(defaultValue = "week") String view,
                    @RequestParam(required = false) LocalDate date, Model model) {
        boolean day = "day".equals(view);
        LocalDate shown = date == null ? times.today() : date;
        LocalDate from = day ? shown : shown.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate to = day ? shown : from.plusDays(6);
        UUID therapist = me.therapist();
        List<BookingApi.Session> sessions = booking.calendar(therapist, from, to);
        model.addAttribute("agenda", Agenda.of(from, to, sessions, booking.availability(therapist, from, to), times.zone()));
        model.addAttribute("screening", Section.of(() -> screening(sessions)));
        model.addAttribute("view", day ? "day" : "week");
        model.addAttribute("date", shown);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("previous", day ? shown.minusDays(1) : from.minusWeeks(1));
        model.addAttribute("next", day ? shown.plusDays(1) : from.plusWeeks(1));
        model.addAttribute("today", times.today());
        model.addAttribute("feed", booking.calendarFeed("therapists", therapist));
        return "therapist/calendar";
    }

    /** Each booked session's client as the clinic screened them: one call per clinic on the sheet. */
    private Map<UUID, IntakeApi.Screening> screening(List<BookingApi.Session> sessions) {
        Map<UUID, Set<UUID>> clients = new HashMap<>();
        sessions.stream().filter(session -> session.clientId() != null).forEach(session ->
                clients.computeIfAbsent(session.clinicId(), clinic -> new HashSet<>()).add(session.clientId()));
        Map<UUID, Map<UUID, IntakeApi.Screening>> byClinic = new HashMap<>();
        clients.forEach((clinic, ids) -> byClinic.put(clinic, intake.screening(clinic, ids)));
        Map<UUID, IntakeApi.Screening> bySession = new HashMap<>();
        sessions.stream().filter(session -> session.clientId() != null).forEach(session -> {
            IntakeApi.Screening screened = byClinic.get(session.clinicId()).get(session.clientId());
            if (screened != null) {
                bySession.put(session.sessionId(), screened);
            }
        });
        return bySession;
    }
}
