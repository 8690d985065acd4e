package io.soleus.web.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.Clinic;
import io.soleus.web.services.BookingApi.CourseCheck;
import io.soleus.web.services.ServiceRefused;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The check page of a course of treatment, for a client booking their own and for a therapist
 * booking one for a client: each date free, or taken with why and the nearest free time instead,
 * which is kept unless unticked; the page's form books the dates kept, all or none.
 */
@Component
public class Courses {

    private final BookingApi booking;

    Courses(BookingApi booking) {
        this.booking = booking;
    }

    /** The course asked for: where, what, with whom, from when, how many and how often. */
    public record Asked(UUID clinicId, UUID sessionTypeId, UUID therapistId, Instant start, int count, int everyWeeks) {

        /** The check page at {@code path} for this course again. */
        public String query(String path) {
            return UriComponentsBuilder.fromPath(path).queryParam("clinicId", clinicId)
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

    /**
     * Checks the course asked for {@code client} (null: the signed-in client) and fills the check page,
     * whose form posts to {@code action} and whose way back is {@code back}.
     */
    public String checkPage(UUID client, Asked asked, String action, String back, Model model) {
        Clinic clinic = booking.clinic(asked.clinicId()).orElseThrow(() -> new ServiceRefused(404, "no clinic", null, List.of()));
        ZoneId zone = ZoneId.of(clinic.timeZone());
        CourseCheck check = booking.checkCourse(client, asked.therapistId(), asked.clinicId(), asked.sessionTypeId(),
                asked.start(), asked.count(), asked.everyWeeks());
        List<CourseDate> dates = new ArrayList<>();
        check.free().forEach(start -> dates.add(new CourseDate(start, LocalDateTime.ofInstant(start, zone), null, null, null)));
        check.conflicts().forEach(conflict -> dates.add(new CourseDate(conflict.start(),
                LocalDateTime.ofInstant(conflict.start(), zone), conflict.rule(), conflict.alternative(),
                conflict.alternative() == null ? null : LocalDateTime.ofInstant(conflict.alternative(), zone))));
        dates.sort(Comparator.comparing(CourseDate::start));
        model.addAttribute("asked", asked);
        model.addAttribute("clinic", clinic);
        model.addAttribute("type", booking.sessionTypes().stream()
                .filter(type -> type.sessionTypeId().equals(asked.sessionTypeId())).findFirst()
                .orElseThrow(() -> new ServiceRefused(404, "no session type", null, List.of())));
        model.addAttribute("therapist", booking.therapists().stream()
                .filter(therapist -> therapist.therapistId().equals(asked.therapistId())).findFirst()
                .orElseThrow(() -> new ServiceRefused(404, "no therapist", null, List.of())));
        model.addAttribute("dates", dates);
        model.addAttribute("bookable", dates.stream().anyMatch(date -> date.free() || date.alternative() != null));
        model.addAttribute("key", UUID.randomUUID());
        model.addAttribute("action", action);
        model.addAttribute("back", back);
        return "course";
    }

    /** The dates kept on the check page, in order, each once. */
    public static List<Instant> kept(List<Instant> starts) {
        return starts == null ? List.of() : starts.stream().distinct().sorted().toList();
    }
}
