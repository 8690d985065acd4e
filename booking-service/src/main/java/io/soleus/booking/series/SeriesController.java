package io.soleus.booking.series;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.scheduling.SchedulingQueries;
import io.soleus.booking.scheduling.SchedulingQueries.CalendarEntry;
import io.soleus.booking.series.SeriesCommands.BookSeries;
import io.soleus.booking.series.SeriesCommands.CancelSeries;
import io.soleus.booking.series.SeriesCommands.RescheduleSeries;
import io.soleus.kernel.Actor;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.IdempotencyKey;
import io.soleus.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Courses of treatment: book several sessions with one therapist as one request (or check first
 * what such a request would meet), read a course, and move or cancel a session with all that
 * follow it. A single session of a course is moved or cancelled as any session is.
 */
@RestController
@Tag(name = "Courses of treatment")
class SeriesController {

    private final Commands commands;
    private final SchedulingQueries queries;

    SeriesController(Commands commands, SchedulingQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * {@code clientId} may be left out by a client booking for themself. Either {@code count} (with
     * {@code everyWeeks}, default 1, and optionally more {@code weekdays}) repeats {@code start}, or
     * {@code starts} lists the dates.
     */
    record BookRequest(ClientId clientId, @NotNull TherapistId therapistId, @NotNull ClinicId clinicId,
                       @NotNull SessionTypeId sessionTypeId, Instant start,
                       @Min(2) @Max(Repeat.LONGEST_COURSE) Integer count,
                       @Min(1) @Max(Repeat.WIDEST_GAP_WEEKS) Integer everyWeeks, Set<DayOfWeek> weekdays,
                       @Size(min = 2, max = Repeat.LONGEST_COURSE) List<@NotNull Instant> starts, boolean allOrNothing) {

        BookSeries command(SeriesId id, boolean dryRun, Actor user) {
            ClientId client = clientId != null ? clientId : BookingPolicy.clientOf(user).orElse(null);
            if (client == null) {
                throw new InvalidValueException("clientId", "clientId is required");
            }
            Repeat repeat = null;
            if (starts == null || starts.isEmpty()) {
                if (start == null) {
                    throw new InvalidValueException("start", "start is required unless starts lists the dates");
                }
                if (count == null) {
                    throw new InvalidValueException("count", "count is required unless starts lists the dates");
                }
                repeat = new Repeat(count, everyWeeks == null ? 1 : everyWeeks, weekdays);
            }
            return new BookSeries(id, client, therapistId, clinicId, sessionTypeId, start, repeat, starts, allOrNothing,
                    dryRun, user);
        }
    }

    record CancelRequest(@NotNull SessionId fromSessionId, @NotBlank @Size(max = 500) String reason) {
    }

    record RescheduleRequest(@NotNull SessionId fromSessionId, @NotNull Instant start) {
    }

    @PostMapping("/series")
    @Operation(summary = "Book a course of sessions with one therapist; the answer lists the sessions booked and the "
            + "dates that conflict, each with the nearest free alternative. With allOrNothing a conflict books nothing (409)")
    ResponseEntity<SeriesAnswer> book(@Valid @RequestBody BookRequest request, IdempotencyKey key) {
        Outcome<SeriesAnswer> outcome = commands.sendOnce(key, request,
                request.command(SeriesId.random(), false, CurrentUser.get()), SeriesAnswer.class);
        return outcome.answer(HttpStatus.CREATED)
                .location(URI.create("/series/" + outcome.result().seriesId()))
                .body(outcome.result());
    }

    @PostMapping("/series/check")
    @Operation(summary = "Which dates of such a course are free and which conflict (with alternatives); books nothing")
    SeriesAnswer check(@Valid @RequestBody BookRequest request) {
        try {
            commands.send(request.command(SeriesId.random(), true, CurrentUser.get()));
        } catch (SeriesBooking.OnlyChecked checked) {
            return checked.answer();
        }
        throw new IllegalStateException("A course's check came back without its answer");
    }

    @GetMapping("/series/{seriesId}")
    @Operation(summary = "A course's sessions in order, cancelled ones too, for its client and the clinic's staff")
    List<CalendarEntry> course(@PathVariable SeriesId seriesId) {
        return queries.course(seriesId, CurrentUser.get());
    }

    @PostMapping("/series/{seriesId}/cancel")
    @Operation(summary = "Cancel a session of the course and all that follow it still to come")
    ResponseEntity<SeriesChange> cancel(@PathVariable SeriesId seriesId, @Valid @RequestBody CancelRequest request,
                                            IdempotencyKey key) {
        Outcome<SeriesChange> outcome = commands.sendOnce(key, List.of(seriesId, request),
                new CancelSeries(seriesId, request.fromSessionId(), request.reason(), CurrentUser.get()), SeriesChange.class);
        return outcome.answer(HttpStatus.OK).body(outcome.result());
    }

    @PostMapping("/series/{seriesId}/reschedule")
    @Operation(summary = "Move a session of the course to a new start and all that follow it by the same shift; "
            + "all or nothing")
    ResponseEntity<SeriesChange> reschedule(@PathVariable SeriesId seriesId, @Valid @RequestBody RescheduleRequest request,
                                                IdempotencyKey key) {
        Outcome<SeriesChange> outcome = commands.sendOnce(key, List.of(seriesId, request),
                new RescheduleSeries(seriesId, request.fromSessionId(), request.start(), CurrentUser.get()),
                SeriesChange.class);
        return outcome.answer(HttpStatus.OK).body(outcome.result());
    }
}
