package io.soleus.web.therapist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.soleus.web.common.Courses;
import io.soleus.web.common.Courses.Asked;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.Session;
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
 * From a session, its therapist books the client's course of follow-ups with themself at the same
 * clinic: a type of session, the first date and time, how many and how often. The dates are checked
 * first ({@link Courses}) and booked together, as staff: the clinic's online rules do not apply.
 */
@Controller("therapistCoursePages")
@RequestMapping("/work/sessions/{sessionId}/course")
class CoursePages {

    private final BookingApi booking;
    private final Courses courses;

    CoursePages(BookingApi booking, Courses courses) {
        this.booking = booking;
        this.courses = courses;
    }

    @GetMapping
    String check(@PathVariable UUID sessionId, @RequestParam UUID sessionTypeId, @RequestParam LocalDate date,
                 @RequestParam LocalTime time, @RequestParam int count, @RequestParam int everyWeeks, Model model) {
        Session session = booking.session(sessionId);
        ZoneId zone = ZoneId.of(booking.clinic(session.clinicId())
                .orElseThrow(() -> new ServiceRefused(404, "no clinic", null, List.of())).timeZone());
        Asked asked = new Asked(session.clinicId(), sessionTypeId, session.therapistId(),
                date.atTime(time).atZone(zone).toInstant(), count, everyWeeks);
        model.addAttribute("forClient", session.clientName());
        return courses.checkPage(session.clientId(), asked, "/work/sessions/" + sessionId + "/course",
                "/work/sessions/" + sessionId + "#course", model);
    }

    @PostMapping
    String book(@PathVariable UUID sessionId, @ModelAttribute Asked asked, @RequestParam(required = false) List<Instant> starts,
                @RequestParam UUID key, RedirectAttributes next) {
        Session session = booking.session(sessionId);
        List<Instant> chosen = Courses.kept(starts);
        if (chosen.size() < 2) {
            next.addFlashAttribute("courseRefused", "course-too-short");
            return "redirect:/work/sessions/" + sessionId + "#course";
        }
        try {
            UUID series = booking.bookCourse(session.clientId(), session.therapistId(), session.clinicId(),
                    asked.sessionTypeId(), chosen, key.toString());
            ReadYourWrites.await(() -> booking.sessionsOf(session.clientId()).upcoming().stream()
                    .filter(it -> it.course() != null && it.course().seriesId().equals(series)).count() == chosen.size());
            next.addFlashAttribute("courseBooked", chosen.size());
        } catch (ServiceRefused refused) {
            if (refused.status() != 409) {
                throw refused;
            }
            next.addFlashAttribute("courseRefused", refused.rule().orElse("series-conflicts"));
        }
        return "redirect:/work/sessions/" + sessionId + "#course";
    }
}
