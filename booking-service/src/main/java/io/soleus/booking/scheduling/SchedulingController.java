package io.soleus.booking.scheduling;

import java.time.LocalDate;
import java.util.List;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.scheduling.FreeSlotSearch.FindFreeSlots;
import io.soleus.booking.scheduling.FreeSlotSearch.FreeSlots;
import io.soleus.booking.scheduling.Availability.TherapistDays;
import io.soleus.booking.scheduling.SchedulingQueries.CalendarEntry;
import io.soleus.booking.scheduling.SchedulingQueries.ClientProfile;
import io.soleus.booking.scheduling.SchedulingQueries.ClientSessions;
import io.soleus.booking.scheduling.SchedulingQueries.ClinicSummary;
import io.soleus.booking.scheduling.SchedulingQueries.DaySheet;
import io.soleus.booking.scheduling.SchedulingQueries.SessionTypeSummary;
import io.soleus.booking.scheduling.SchedulingQueries.TherapistSummary;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the scheduling read model answers: free slots, calendars, day sheets and the catalogue. */
@RestController
@Tag(name = "Scheduling")
class SchedulingController {

    private final FreeSlotSearch freeSlots;
    private final SchedulingQueries queries;
    private final Availability availability;
    private final Utilisation utilisation;

    SchedulingController(FreeSlotSearch freeSlots, SchedulingQueries queries, Availability availability,
                         Utilisation utilisation) {
        this.freeSlots = freeSlots;
        this.queries = queries;
        this.availability = availability;
        this.utilisation = utilisation;
    }

    @GetMapping("/clinics/{clinicId}/free-slots")
    @Operation(summary = "Bookable slots of a session type at a clinic, between two local dates (at most 92 days); "
            + "a client is offered only the slots the clinic's booking rules let them book")
    FreeSlots freeSlots(@PathVariable ClinicId clinicId, @RequestParam SessionTypeId sessionTypeId,
                        @RequestParam LocalDate from, @RequestParam LocalDate to,
                        @RequestParam(required = false) TherapistId therapistId) {
        return freeSlots.find(new FindFreeSlots(clinicId, from, to, sessionTypeId, therapistId,
                BookingPolicy.actsAsClient(CurrentUser.get())));
    }

    @GetMapping("/clinics")
    @Operation(summary = "The clinics with their hours and rooms")
    List<ClinicSummary> clinics() {
        return queries.clinics();
    }

    @GetMapping("/clinics/{clinicId}/day-sheet")
    @Operation(summary = "A clinic's rooms and their sessions on one day, for its staff")
    DaySheet daySheet(@PathVariable ClinicId clinicId, @RequestParam LocalDate date) {
        return queries.daySheet(clinicId, date, CurrentUser.get());
    }

    @GetMapping("/therapists")
    @Operation(summary = "The therapists, optionally those of one clinic")
    List<TherapistSummary> therapists(@RequestParam(required = false) ClinicId clinicId) {
        return queries.therapists(clinicId);
    }

    @GetMapping("/therapists/{therapistId}/calendar")
    @Operation(summary = "A therapist's sessions across clinics between two dates (at most 42 days)")
    List<CalendarEntry> calendar(@PathVariable TherapistId therapistId, @RequestParam LocalDate from,
                                 @RequestParam LocalDate to) {
        return queries.therapistCalendar(therapistId, from, to, CurrentUser.get());
    }

    @GetMapping("/session-types")
    @Operation(summary = "The session types and who offers them")
    List<SessionTypeSummary> sessionTypes() {
        return queries.sessionTypes();
    }

    @GetMapping("/clients/{clientId}/sessions")
    @Operation(summary = "A client's upcoming and past sessions")
    ClientSessions clientSessions(@PathVariable ClientId clientId) {
        return queries.clientSessions(clientId, CurrentUser.get());
    }

    @GetMapping("/clients/{clientId}")
    @Operation(summary = "A client's contact details and channel: the client, admins, and therapists who have seen them")
    ClientProfile client(@PathVariable ClientId clientId) {
        return queries.clientProfile(clientId, CurrentUser.get());
    }

    @GetMapping("/therapists/{therapistId}/availability")
    @Operation(summary = "A therapist's working time per clinic and time off between two dates (at most 42 days)")
    TherapistDays availability(@PathVariable TherapistId therapistId, @RequestParam LocalDate from,
                               @RequestParam LocalDate to) {
        queries.requireCalendarOf(therapistId, from, to, CurrentUser.get());
        return availability.therapists(therapistId, from, to).getOrDefault(therapistId.value(),
                new TherapistDays(therapistId, List.of(), List.of()));
    }

    @GetMapping("/reports/utilisation")
    @Operation(summary = "Minutes on offer and booked per clinic, therapist and room between two dates (at most 400 days)")
    Utilisation.Report utilisation(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        return utilisation.between(from, to);
    }

    @GetMapping("/sessions/{sessionId}")
    @Operation(summary = "One session as the scheduling read model has it")
    CalendarEntry session(@PathVariable SessionId sessionId) {
        return queries.session(sessionId, CurrentUser.get());
    }
}
