package io.soleus.web.client;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.Clinic;
import io.soleus.web.services.BookingApi.CourseCheck;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A client books a course of treatment: from the time they chose, a number of sessions every one or
 * more weeks with the same therapist. The dates are checked first; a date that is taken shows the
 * nearest free time instead, which the client keeps or drops, and then all the dates are booked
 * together, or none if one was taken meanwhile.
 */
@Controller
@RequestMapping("/me/book/course")
class CoursePages {

    private final BookingApi booking;

    CoursePages(BookingApi booking) {
        this.booking = booking;
    }

    /** The course asked for: where, what, with whom, from when, how many and how often. */
    public record Asked(UUID clinicId, UUID sessionTypeId, UUID therapistId, Instant start, int count, int everyWeeks) {

        String query() {
            return UriComponentsBuilder.fromPath("/me/book/course").queryParam("clinicId", clinicId)
                    .queryParam("sessionTypeId", sessionTypeId).queryParam("therapistId", therapistId)
                    .queryParam("start", start).queryParam("count", count).queryParam("everyWeeks", everyWeeks)
                    .build().toUriString();
        }
    }

    /** One date of the course as checked: free, or taken with why and the nearest free time if there is one. */
    public record CourseDate(Instant start, LocalDateTime localStart, String rule, Instant alternative,
                             LocalDateTime localAlternative) {

        public boolean free() {
            return rule == null;
        }
    }

    @GetMapping
    String check(@ModelAttribute Asked asked, Model model) {
        Clinic clinic = booking.clinic(asked.clinicId()).orElseThrow(() -> new ServiceRefused(404, "no clinic", null, List.of()));
        ZoneId zone = ZoneId.of(clinic.timeZone());
        CourseCheck check = booking.checkCourse(null, asked.therapistId(), asked.clinicId(), asked.sessionTypeId(),
                asked.start(), asked.count(), asked.everyWeeks());
        List<CourseDate> dates = new ArrayList<>();
        check.free().forEach(start -> dates.add(new CourseDate(start, LocalDateTime.ofInstant(start, zone), null, null, null)));
        check.conflicts().forEach(conflict -> dates.add(new CourseDate(conflict.start(), LocalDateTime.ofInstant(conflict.start(), zone),
                conflict.rule(), conflict.alternative(),
                conflict.alternative() == null ? null : LocalDateTime.ofInstant(conflict.alternative(), zone))));
        dates.sort(Comparator.comparing(CourseDate::start));
        model.addAttribute("asked", asked);
        model.addAttribute("clinic", clinic);
        model.addAttribute("type", booking.sessionTypes().stream()
                .filter(type -> type.sessionTypeId().equals(asked.sessionTypeId())).findFirst().orElseThrow());
        model.addAttribute("therapist", booking.therapists().stream()
                .filter(therapist -> therapist.therapistId().equals(asked.therapistId())).findFirst().orElseThrow());
        model.addAttribute("dates", dates);
        model.addAttribute("bookable", dates.stream().anyMatch(date -> date.free() || date.alternative() != null));
        model.addAttribute("key", UUID.randomUUID());
        return "client/course";
    }

    @PostMapping
    String book(SignedIn me, @ModelAttribute Asked asked, @RequestParam(required = false) List<Instant> starts,
                @RequestParam UUID key, RedirectAttributes next) {
        List<Instant> chosen = starts == null ? List.of() : starts.stream().distinct().sorted().toList();
        if (chosen.size() < 2) {
            next.addFlashAttribute("refused", "course-too-short");
            return "redirect:" + asked.query();
        }
        try {
            UUID series = booking.bookCourse(null, asked.therapistId(), asked.clinicId(), asked.sessionTypeId(), chosen,
                    key.toString());
            ReadYourWrites.await(() -> booking.sessionsOf(me.client()).upcoming().stream()
                    .filter(session -> session.course() != null && session.course().seriesId().equals(series))
                    .count() == chosen.size());
        } catch (ServiceRefused refused) {
            if (refused.status() != 409) {
                throw refused;
            }
            next.addFlashAttribute("refused", refused.rule().orElse("series-conflicts"));
            return "redirect:" + asked.query();
        }
        next.addFlashAttribute("courseBooked", chosen.size());
        return "redirect:/me/sessions";
    }
}
