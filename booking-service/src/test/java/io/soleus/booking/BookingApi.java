package io.soleus.booking;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.TestTokens;

/** The booking service's HTTP API, with the steps an admin takes to set up a practice. */
public final class BookingApi extends ApiClient {

    public BookingApi(int port) {
        super(port);
    }

    // The practice set up through the API, as an admin would.

    public String openClinic(String name, String zone, String from, String to, String... rooms) {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")) {
            hours.put(day, List.of(Map.of("from", from, "to", to)));
        }
        Response opened = post(TestTokens.admin(), "/clinics", Map.of("name", name, "address", name + " High Street",
                "timeZone", zone, "openingHours", hours,
                "rooms", Arrays.stream(rooms).map(room -> Map.of("name", room)).toList()));
        return created(opened).text("clinicId");
    }

    public String registerTherapist(String name, String... clinics) {
        return created(post(TestTokens.admin(), "/therapists", Map.of("name", name, "clinics", List.of(clinics))))
                .text("therapistId");
    }

    public void setWeekdayHours(String therapist, String clinic, String from, String to) {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            hours.put(day, List.of(Map.of("from", from, "to", to)));
        }
        expect(204, put(TestTokens.admin(), "/therapists/" + therapist + "/availability/" + clinic, hours));
    }

    public String defineSessionType(String name, int minutes, int buffer, String... therapists) {
        return created(post(TestTokens.admin(), "/session-types", Map.of("name", name, "durationMinutes", minutes,
                "bufferMinutes", buffer, "therapists", List.of(therapists)))).text("sessionTypeId");
    }

    public String registerClient(String name, String email) {
        return created(post(TestTokens.admin(), "/clients", Map.of("name", name, "email", email,
                "preferredChannel", "EMAIL", "remindersConsent", true))).text("clientId");
    }

    public Response book(String token, String client, String therapist, String clinic, String sessionType, Instant start,
                         String... headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (client != null) {
            body.put("clientId", client);
        }
        body.put("therapistId", therapist);
        body.put("clinicId", clinic);
        body.put("sessionTypeId", sessionType);
        body.put("start", start.toString());
        return post(token, "/sessions", body, headers);
    }
}
