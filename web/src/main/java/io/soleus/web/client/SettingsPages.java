package io.soleus.web.client;

import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.BookingApi.ClientProfile;
import io.soleus.web.services.NotificationsApi;
import io.soleus.web.services.NotificationsApi.Preferences;
import io.soleus.web.services.NotificationsApi.QuietHours;
import io.soleus.web.services.ServiceRefused;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How the practice reaches a client: contact details and the preferred channel (booking), and per
 * kind of message the channel, whether reminders and other non-essential messages come, and quiet
 * hours for texts (notifications).
 */
@Controller
@RequestMapping("/me/settings")
class SettingsPages {

    /** The kinds of message a client chooses a channel for, in the order the page lists them. */
    static final List<String> KINDS = List.of("CONFIRMATION", "RESCHEDULE", "CANCELLATION", "REMINDER", "LAST_REMINDER",
            "NO_SHOW", "PLAN", "PLAN_CHECK_IN", "QUESTIONNAIRE", "DISCHARGE", "WAITLIST_OFFER");

    private final BookingApi booking;
    private final NotificationsApi notifications;

    SettingsPages(BookingApi booking, NotificationsApi notifications) {
        this.booking = booking;
        this.notifications = notifications;
    }

    @GetMapping
    String settings(SignedIn me, Model model) {
        UUID client = me.client();
        return page(model, client, booking.client(client), notifications.preferences(client));
    }

    @PostMapping("/contact")
    String contact(SignedIn me, @RequestParam String name, @RequestParam String email, @RequestParam(required = false) String phone,
                   @RequestParam String channel, @RequestParam(defaultValue = "false") boolean reminders,
                   @RequestParam String language, Model model, RedirectAttributes next) {
        UUID client = me.client();
        try {
            booking.changeContact(client, name, email, phone, channel, reminders, language);
        } catch (ServiceRefused refused) {
            if (refused.status() != 400) {
                throw refused;
            }
            model.addAttribute("contactErrors", refused.errors());
            return page(model, client, new ClientProfile(client, name, email, phone, channel, reminders, language),
                    notifications.preferences(client));
        }
        next.addFlashAttribute("saved", "contact");
        return "redirect:/me/settings";
    }

    @PostMapping("/notifications")
    String preferences(SignedIn me, @RequestParam Map<String, String> form, Model model, RedirectAttributes next) {
        UUID client = me.client();
        Map<String, String> channels = new LinkedHashMap<>();
        KINDS.forEach(kind -> {
            String channel = form.get("channel." + kind);
            if (channel != null && !channel.isBlank()) {
                channels.put(kind, channel);
            }
        });
        Preferences preferences = new Preferences(channels, form.containsKey("nonEssential"),
                new QuietHours(time(form.get("quietFrom"), "21:00"), time(form.get("quietUntil"), "08:00")),
                form.getOrDefault("language", "en"));
        try {
            notifications.changePreferences(client, preferences);
        } catch (ServiceRefused refused) {
            if (refused.status() != 400 && refused.status() != 409) {
                throw refused;
            }
            model.addAttribute("preferencesRefused", refused);
            return page(model, client, booking.client(client), preferences);
        }
        next.addFlashAttribute("saved", "notifications");
        return "redirect:/me/settings";
    }

    private static LocalTime time(String value, String fallback) {
        try {
            return LocalTime.parse(value == null || value.isBlank() ? fallback : value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ServiceRefused(400, "not a time", null, List.of(new ServiceRefused.FieldError("quietHours", "is not a time")));
        }
    }

    /** The settings page with {@code profile} and {@code preferences} in its forms (as saved, or as just refused). */
    private String page(Model model, UUID client, ClientProfile profile, Preferences preferences) {
        model.addAttribute("profile", profile);
        model.addAttribute("preferences", preferences);
        model.addAttribute("kinds", KINDS);
        model.addAttribute("feed", booking.calendarFeed("clients", client));
        return "client/settings";
    }
}
