package io.soleus.web.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.soleus.web.common.Section;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.IntakeApi;
import io.soleus.web.services.NotificationsApi;
import io.soleus.web.services.TreatmentApi;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A client's start page: the intake forms still to answer before a first session at a clinic, their
 * next session, their plan's exercises for today, their pain and the latest messages, each part shown
 * even when another service is away. A client new to booking first
 * gives the details reminders need.
 */
@Controller
@RequestMapping("/me")
class ClientHome {

    private final BookingApi booking;
    private final TreatmentApi treatment;
    private final NotificationsApi notifications;
    private final IntakeApi intake;

    ClientHome(BookingApi booking, TreatmentApi treatment, NotificationsApi notifications, IntakeApi intake) {
        this.booking = booking;
        this.treatment = treatment;
        this.notifications = notifications;
        this.intake = intake;
    }

    /** A clinic where the client has a session ahead and has not answered its intake form yet. */
    public record IntakeDue(UUID clinicId, String clinicName) {
    }

    @GetMapping
    String home(SignedIn me, Model model) {
        UUID client = me.client();
        Section<BookingApi.ClientSessions> sessions = Section.of(() -> booking.sessionsOf(client));
        model.addAttribute("sessions", sessions);
        model.addAttribute("intakeDue", sessions.available() ? Section.of(() -> intakeDue(client, sessions.value()))
                : Section.of(List::<IntakeDue>of));
        Section<List<TreatmentApi.CaseOutcome>> timeline = Section.of(() -> treatment.timeline(client));
        model.addAttribute("timeline", timeline);
        model.addAttribute("care", timeline.available() ? Care.of(timeline.value()) : null);
        model.addAttribute("messages", Section.of(() -> notifications.feed(client, 3)));
        return "client/home";
    }

    private List<IntakeDue> intakeDue(UUID client, BookingApi.ClientSessions sessions) {
        Set<UUID> answered = intake.files(client).stream().filter(file -> file.intake() != null)
                .map(IntakeApi.File::clinicId).collect(Collectors.toSet());
        Map<UUID, IntakeDue> due = new LinkedHashMap<>();
        sessions.upcoming().stream().filter(session -> !answered.contains(session.clinicId()))
                .forEach(session -> due.putIfAbsent(session.clinicId(), new IntakeDue(session.clinicId(), session.clinicName())));
        return List.copyOf(due.values());
    }

    /** What booking needs to know of a client who signed up online. */
    public static final class Details {
        @NotBlank @Size(max = 200) private String name;
        @Size(max = 20) @Pattern(regexp = "^$|^\\+?[0-9 ()-]{6,20}$") private String phone;
        @Pattern(regexp = "EMAIL|SMS") private String channel = "EMAIL";
        private boolean reminders = true;
        @Pattern(regexp = "en|de") private String language = "en";

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = phone; }
        public String getChannel() { return channel; }
        public void setChannel(String channel) { this.channel = channel; }
        public boolean isReminders() { return reminders; }
        public void setReminders(boolean reminders) { this.reminders = reminders; }
        public String getLanguage() { return language; }
        public void setLanguage(String language) { this.language = language; }
    }

    @GetMapping("/welcome")
    String welcome(SignedIn me, @ModelAttribute("details") Details details, java.util.Locale locale) {
        details.setName(me.name());
        details.setLanguage("de".equals(locale.getLanguage()) ? "de" : "en");
        return "client/welcome";
    }

    @PostMapping("/welcome")
    String register(SignedIn me, @Valid @ModelAttribute("details") Details details, BindingResult errors,
                    @RequestParam UUID key, HttpSession session) {
        if ("SMS".equals(details.getChannel()) && (details.getPhone() == null || details.getPhone().isBlank())) {
            errors.rejectValue("phone", "phone.needed-for-sms");
        }
        if (errors.hasErrors()) {
            return "client/welcome";
        }
        try {
            booking.register(details.getName(), me.email(), details.getPhone(), details.getChannel(), details.isReminders(),
                    details.getLanguage(), key.toString());
        } catch (ServiceRefused refused) {
            if (refused.rule().filter("already-exists"::equals).isEmpty()) {
                refused.errors().forEach(error -> errors.rejectValue(field(error.field()), "invalid", error.message()));
                if (!errors.hasErrors()) {
                    throw refused;
                }
                return "client/welcome";
            }
        }
        ReadYourWrites.await(() -> booking.client(me.client()) != null);
        session.setAttribute(Registration.KNOWN, true);
        return "redirect:/me?welcome";
    }

    private static String field(String serviceField) {
        return switch (serviceField) {
            case "preferredChannel" -> "channel";
            case "remindersConsent" -> "reminders";
            case "name", "phone", "language" -> serviceField;
            default -> "name";
        };
    }
}
