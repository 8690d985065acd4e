package io.soleus.web.therapist;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

import io.soleus.web.common.Times;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
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

    CalendarPages(BookingApi booking, Times times) {
        this.booking = booking;
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
        model.addAttribute("agenda", Agenda.of(from, to, booking.calendar(therapist, from, to),
                booking.availability(therapist, from, to), times.zone()));
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
}
