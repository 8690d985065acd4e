package io.soleus.booking;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.soleus.platform.test.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The booking service's HTTP API as a test drives it: any token, any body, every answer kept. */
public final class BookingApi {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final RestClient http;

    public BookingApi(int port) {
        http = RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    public record Response(int status, JsonNode body, HttpHeaders headers) {

        public String text(String field) {
            return body.path(field).asText();
        }

        /** The field named by the first entry of a validation problem's {@code errors}. */
        public String invalidField() {
            return body.path("errors").path(0).path("field").asText();
        }
    }

    public Response post(String token, String path, Object body, String... headers) {
        return exchange(HttpMethod.POST, token, path, body, headers);
    }

    public Response put(String token, String path, Object body) {
        return exchange(HttpMethod.PUT, token, path, body);
    }

    public Response get(String token, String path) {
        return exchange(HttpMethod.GET, token, path, null);
    }

    private Response exchange(HttpMethod method, String token, String path, Object body, String... headers) {
        RestClient.RequestBodySpec request = http.method(method).uri(path).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.body(body instanceof String text ? text : json(body));
        }
        return request.exchange((req, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            JsonNode node = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
            return new Response(response.getStatusCode().value(), node, response.getHeaders());
        });
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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

    public static Response created(Response response) {
        return expect(201, response);
    }

    public static Response expect(int status, Response response) {
        if (response.status() != status) {
            throw new AssertionError("Expected " + status + " but got " + response.status() + ": " + response.body());
        }
        return response;
    }
}
