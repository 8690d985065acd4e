package io.soleus.web.common;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.ui.Model;

/**
 * The choices of a form that puts a client on a waitlist (the client's own, or staff's for them):
 * the weekdays in the reader's language and the urgencies; and the times the form sends, written as
 * booking reads weekly hours.
 */
public final class WaitlistForm {

    public static final List<String> URGENCIES = List.of("ROUTINE", "SOON", "URGENT");

    /** A weekday as the form offers it, named in the reader's language. */
    public record DayChoice(DayOfWeek day, String label) {
    }

    private WaitlistForm() {
    }

    public static void choices(Model model, Locale locale) {
        model.addAttribute("days", Arrays.stream(DayOfWeek.values())
                .map(day -> new DayChoice(day, day.getDisplayName(TextStyle.FULL, locale))).toList());
        model.addAttribute("urgencies", URGENCIES);
    }

    /** The same hours, {@code from} to {@code to}, on each of {@code days}. */
    public static Map<String, Object> times(List<DayOfWeek> days, String from, String to) {
        Map<String, Object> times = new LinkedHashMap<>();
        for (DayOfWeek day : days == null ? List.<DayOfWeek>of() : days) {
            times.put(day.name(), List.of(Map.of("from", from, "to", to)));
        }
        return times;
    }
}
