package io.soleus.web.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.soleus.web.common.Courses;
import io.soleus.web.common.Courses.Asked;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
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

/**
 * A client books a course of treatment: from the time they chose, a number of sessions every one or
 * more weeks with the same therapist. The dates are checked first ({@link Courses}); then all the
 * dates kept are booked together, or none if one was taken meanwhile.
 */
@Controller
@RequestMapping(CoursePages.PATH)
class CoursePages {

    static final String PATH = "/me/book/course";

    private final BookingApi booking;
    private final Courses courses;

    CoursePages(BookingApi booking, Courses courses) {
        this.booking = booking;
        this.courses = courses;
    }

    @GetMapping
    String check(@ModelAttribute Asked asked, Model model) {
        return courses.checkPage(null, asked, PATH,
                "/me/book?clinicId=" + asked.clinicId() + "&sessionTypeId=" + asked.sessionTypeId(), model);
    }

    @PostMapping
    String book(SignedIn me, @ModelAttribute Asked asked, @RequestParam(required = false) List<Instant> starts,
                @RequestParam UUID key, RedirectAttributes next) {
        List<Instant> chosen = Courses.kept(starts);
        if (chosen.size() < 2) {
            next.addFlashAttribute("refused", "course-too-short");
            return "redirect:" + asked.query(PATH);
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
            return "redirect:" + asked.query(PATH);
        }
        next.addFlashAttribute("courseBooked", chosen.size());
        return "redirect:/me/sessions";
    }
}
