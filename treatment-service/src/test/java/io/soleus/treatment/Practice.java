package io.soleus.treatment;

import static io.soleus.platform.test.ApiClient.created;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.soleus.kernel.booking.ClientForgotten;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.ClinicOpened;
import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.kernel.value.Channel;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.TestTokens;
import io.soleus.platform.test.TopicWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A clinic, its therapist and a runner as the treatment service learns of them: booking's events
 * arrive on the booking topic (written here as the booking service would), and the clinical record
 * is kept through the treatment API.
 */
public final class Practice implements AutoCloseable {

    public final ClinicId riverside = ClinicId.random();
    public final TherapistId maya = TherapistId.random();
    public final ClientId runner = ClientId.random();
    public final ApiClient api;
    private final JdbcTemplate jdbc;
    private final TopicWriter booking = new TopicWriter("/booking-service");
    private final SessionTypeId followUp = SessionTypeId.random();

    public Practice(int port, JdbcTemplate jdbc) {
        this.api = new ApiClient(port);
        this.jdbc = jdbc;
        booking.publish("Client", runner.toString(), new ClientRegistered(runner, "Riley Runner", "riley@example.org",
                null, Channel.EMAIL, true, "en", TreatmentServiceTest.NOW));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM booking_client WHERE client_id = ?", Long.class, runner.value()) == 1);
    }

    /** Booking tells that Riverside opened; the treatment service knows its clinics from then on. */
    public void clinicOpened() {
        booking.publish("Clinic", riverside.toString(), new ClinicOpened(riverside, "Riverside", "1 River Walk, Kingston",
                "Europe/London", Duration.ofHours(24)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM booking_clinic WHERE clinic_id = ?", Long.class, riverside.value()) == 1);
    }

    /** Booking tells of another client. */
    public ClientId clientRegistered(String name, String email) {
        ClientId client = ClientId.random();
        booking.publish("Client", client.toString(), new ClientRegistered(client, name, email, null, Channel.EMAIL, true,
                "en", TreatmentServiceTest.NOW));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM booking_client WHERE client_id = ?", Long.class, client.value()) == 1);
        return client;
    }

    /** Booking tells that it forgot a client. */
    public void forgotten(ClientId client) {
        booking.publish("Client", client.toString(), new ClientForgotten(client, TreatmentServiceTest.NOW));
    }

    public String maya() {
        return TestTokens.therapist(maya.toString(), riverside.toString());
    }

    public String runnerToken() {
        return TestTokens.client(runner.toString());
    }

    /** Booking tells of a 45-minute session of {@code client} with {@code therapist} at {@code start}. */
    public SessionId sessionBooked(ClientId client, TherapistId therapist, Instant start) {
        return sessionBooked(client, therapist, riverside, start);
    }

    public SessionId sessionBooked(ClientId client, TherapistId therapist, ClinicId clinic, Instant start) {
        SessionId session = SessionId.random();
        booking.publish("Session", session.toString(), new SessionBooked(session, client, therapist, "Maya Lindqvist", clinic,
                RoomId.random(), followUp, "Follow-up treatment", new TimeSlot(start, start.plus(Duration.ofMinutes(45))),
                "Europe/London", start.minus(Duration.ofDays(7))));
        return session;
    }

    public SessionId sessionBooked(Instant start) {
        return sessionBooked(runner, maya, start);
    }

    public void attended(SessionId session, ClientId client, TherapistId therapist, Instant at) {
        attended(session, client, therapist, riverside, at);
    }

    public void attended(SessionId session, ClientId client, TherapistId therapist, ClinicId clinic, Instant at) {
        booking.publish("Session", session.toString(), new SessionAttended(session, client, therapist, clinic, at));
    }

    public void attended(SessionId session, Instant at) {
        attended(session, runner, maya, at);
    }

    public void missed(SessionId session, Instant at) {
        booking.publish("Session", session.toString(), new SessionMissed(session, runner, maya, riverside, at));
    }

    public void cancelledLate(SessionId session, Instant at) {
        booking.publish("Session", session.toString(), new SessionCancelled(session, runner, maya, riverside,
                CancelledBy.CLIENT, "Feeling unwell", true, at));
    }

    /** Waits until the treatment service has heard of the session in the given status. */
    public void awaitSession(SessionId session, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(jdbc.query(
                "SELECT status FROM booking_session WHERE session_id = ?", (row, i) -> row.getString(1), session.value())
                .stream().findFirst().orElse(null)));
    }

    /** Opens the runner's case at Riverside, and takes her consent to treatment and its records at the desk. */
    public String openCase() {
        String caseId = created(requestCase()).text("caseId");
        // staff take consent for a client with a session or a case at the clinic, as the outcome view knows it
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outcome_case WHERE case_id = ?::uuid", Long.class, caseId) == 1);
        consented(runner, riverside, maya());
        return caseId;
    }

    /** Records the client's consent at the clinic to treatment and to the processing of its data, as {@code token}. */
    public void consented(ClientId client, ClinicId clinic, String token) {
        Response given = api.post(token, "/clients/" + client + "/consents/" + clinic,
                Map.of("kinds", List.of("TREATMENT", "DATA_PROCESSING")));
        if (given.status() != 204) {
            throw new AssertionError("consent not recorded: " + given.status() + " " + given.body());
        }
    }

    /** Asks to open the runner's case, with the request headers given as name, value, ... */
    public Response requestCase(String... headers) {
        return api.post(maya(), "/cases", Map.of("clientId", runner, "clinicId", riverside,
                "complaint", "Deep, persistent ache in the lower calf after weekend runs",
                "workingFinding", Map.of("code", "soleus-myofascial-pain", "label", "Soleus myofascial pain"),
                "side", "LEFT", "contributingFactors", Set.of("OVERUSE", "UNEVEN_GROUND")), headers);
    }

    public Response assess(String caseId, SessionId session, int pain, String... headers) {
        return api.post(maya(), "/cases/" + caseId + "/assessments", Map.of("sessionId", session, "pain", pain,
                "triggerPoints", List.of(Map.of("site", Map.of("muscle", "soleus", "side", "LEFT", "region", "lower-medial"),
                        "severity", "MODERATE")),
                "tightness", "SEVERE", "notes", "Very tight soleus, several trigger points"), headers);
    }

    public Response treat(String caseId, SessionId session) {
        Response release = api.post(maya(), "/cases/" + caseId + "/myofascial-releases", Map.of("sessionId", session,
                "region", Map.of("muscle", "soleus", "side", "LEFT", "region", "lower calf"), "minutes", 10,
                "response", "RELEASED"));
        return release.status() != 204 ? release : api.post(maya(), "/cases/" + caseId + "/trigger-point-treatments",
                Map.of("sessionId", session, "site", Map.of("muscle", "soleus", "side", "LEFT", "region", "lower-medial"),
                        "pressure", "MODERATE", "seconds", 90, "response", "PARTIALLY_RELEASED"));
    }

    @Override
    public void close() {
        booking.close();
    }
}
