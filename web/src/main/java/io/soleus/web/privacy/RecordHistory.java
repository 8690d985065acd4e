package io.soleus.web.privacy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.soleus.web.services.AuditEntry;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.Parallel;
import io.soleus.web.services.Services;
import io.soleus.web.services.TreatmentApi;
import io.soleus.web.services.TreatmentApi.RecordAccess;
import org.springframework.stereotype.Component;

/**
 * A client's record as its history: every change, from booking's and treatment's audit trails merged
 * newest first, and every time staff opened the clinical record. Each person is named as the reader
 * of the page knows them: therapists by name, the client as themself, admins as administrators.
 */
@Component
public class RecordHistory {

    /**
     * Who acted: {@code kind} is CLIENT, THERAPIST, ADMIN (named to admins only) or UNRECORDED (the
     * platform on its own, or a change from before the trail began); {@code name} as known.
     */
    public record Actor(String kind, String name) {
    }

    /** A change: {@code service} and {@code recordId} say where; a treatment record is a case. */
    public record Change(Instant at, String change, Actor by, String service, String recordId) {

        public boolean inCase() {
            return "treatment-service".equals(service);
        }
    }

    public record Read(Instant at, Actor by, String viewed, UUID caseId) {
    }

    /** {@code earlier}: there are older changes or reads than these. */
    public record View(UUID clientId, List<Change> changes, List<Read> reads, boolean earlier) {
    }

    /** The most entries asked of each service's trail and log: a page of the newest. */
    static final int PAGE = 200;

    private final BookingApi booking;
    private final TreatmentApi treatment;
    private final Services services;
    private final Parallel parallel;

    RecordHistory(BookingApi booking, TreatmentApi treatment, Services services, Parallel parallel) {
        this.booking = booking;
        this.treatment = treatment;
        this.services = services;
        this.parallel = parallel;
    }

    /** The client's record history, as far as the signed-in person may see it (the services decide). */
    public View of(UUID client) {
        String token = services.accessToken();
        BookingApi booking = this.booking.withToken(token);
        TreatmentApi treatment = this.treatment.withToken(token);
        CompletableFuture<List<AuditEntry>> bookingChanges = parallel.call(() -> booking.audit(client, PAGE));
        CompletableFuture<List<AuditEntry>> clinicalChanges = parallel.call(() -> treatment.audit(client, PAGE));
        CompletableFuture<List<RecordAccess>> reads = parallel.call(() -> treatment.recordAccess(client, PAGE));
        CompletableFuture<List<BookingApi.Therapist>> therapists = parallel.call(booking::therapists);

        Map<String, String> names = Parallel.join(therapists).stream()
                .collect(Collectors.toMap(therapist -> therapist.therapistId().toString(), BookingApi.Therapist::name));
        List<AuditEntry> fromBooking = Parallel.join(bookingChanges);
        List<AuditEntry> fromTreatment = Parallel.join(clinicalChanges);
        // a full page from one service has older entries behind it: the merge stops where either page does
        Instant since = Stream.of(fromBooking, fromTreatment).filter(page -> page.size() == PAGE)
                .map(page -> page.get(page.size() - 1).at()).max(Comparator.naturalOrder()).orElse(Instant.MIN);
        List<Change> changes = Stream.concat(fromBooking.stream(), fromTreatment.stream())
                .filter(entry -> !entry.at().isBefore(since))
                .map(entry -> new Change(entry.at(), entry.change(), actor(entry.actor(), entry.actorRoles(), client, names),
                        entry.service(), entry.recordId()))
                .sorted(Comparator.comparing(Change::at).reversed())
                .toList();
        List<RecordAccess> readPage = Parallel.join(reads);
        List<Read> opened = readPage.stream()
                .map(read -> new Read(read.at(), actor(read.reader(), read.readerRoles(), client, names), read.viewed(),
                        read.caseId()))
                .toList();
        return new View(client, changes, opened, since != Instant.MIN || readPage.size() == PAGE);
    }

    /** Who acted or read, by the id the record names them by: a client's or therapist's id, an admin's subject. */
    static Actor actor(String id, List<String> roles, UUID client, Map<String, String> therapists) {
        if (id == null) {
            return new Actor(roles.contains("ADMIN") ? "ADMIN" : "UNRECORDED", null);
        }
        if (id.equals(client.toString())) {
            return new Actor("CLIENT", null);
        }
        if (therapists.containsKey(id)) {
            return new Actor("THERAPIST", therapists.get(id));
        }
        if (roles.contains("ADMIN")) {
            return new Actor("ADMIN", id);
        }
        return new Actor(roles.contains("THERAPIST") ? "THERAPIST" : "UNKNOWN", id);
    }
}
