package io.soleus.web.common;

import java.util.UUID;

import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Calendar subscription links for clients (on their settings) and therapists (under their
 * calendar): make one, which stops the last, or stop it; the new link is shown once, as only its
 * owner should hold it. A calendar app then fetches it from {@link CalendarFeedRelay}.
 */
@Controller
class CalendarLinks {

    private final BookingApi booking;

    CalendarLinks(BookingApi booking) {
        this.booking = booking;
    }

    @PostMapping("/me/calendar-link")
    String newClientLink(SignedIn me, RedirectAttributes next) {
        return made("clients", me.client(), "/me/settings", next);
    }

    @PostMapping("/me/calendar-link/stop")
    String stopClientLink(SignedIn me, RedirectAttributes next) {
        booking.stopCalendarFeed("clients", me.client());
        next.addFlashAttribute("feedStopped", true);
        return "redirect:/me/settings#calendar";
    }

    @PostMapping("/work/calendar-link")
    String newTherapistLink(SignedIn me, RedirectAttributes next) {
        return made("therapists", me.therapist(), "/work", next);
    }

    @PostMapping("/work/calendar-link/stop")
    String stopTherapistLink(SignedIn me, RedirectAttributes next) {
        booking.stopCalendarFeed("therapists", me.therapist());
        next.addFlashAttribute("feedStopped", true);
        return "redirect:/work#calendar";
    }

    private String made(String whose, UUID id, String page, RedirectAttributes next) {
        String feedPath = booking.newCalendarFeed(whose, id);
        String secret = feedPath.substring(feedPath.lastIndexOf('/') + 1, feedPath.length() - ".ics".length());
        next.addFlashAttribute("feedUrl", ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/calendar/{secret}.ics").buildAndExpand(secret).toUriString());
        return "redirect:" + page + "#calendar";
    }
}
