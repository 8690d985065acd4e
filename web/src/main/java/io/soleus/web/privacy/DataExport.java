package io.soleus.web.privacy;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soleus.web.common.Times;
import io.soleus.web.services.Parallel;
import io.soleus.web.services.ServiceClient;
import io.soleus.web.services.Services;
import org.springframework.stereotype.Component;

/**
 * A client's data as one JSON document: each service answers its own part
 * ({@code GET /clients/{id}/export}, for the client or an admin), asked at once, and the document
 * holds them side by side under the service's name. No service reads another's database, and the
 * front end adds nothing but the envelope.
 */
@Component
public class DataExport {

    /** The document's format, for whoever reads it later. */
    static final String FORMAT = "soleus-client-export/1";

    private final Services services;
    private final Parallel parallel;
    private final ObjectMapper json;
    private final Times times;

    DataExport(Services services, Parallel parallel, ObjectMapper json, Times times) {
        this.services = services;
        this.parallel = parallel;
        this.json = json;
        this.times = times;
    }

    public ObjectNode of(UUID client) {
        String token = services.accessToken();
        CompletableFuture<JsonNode> booking = part(services.booking().withToken(token), client);
        CompletableFuture<JsonNode> treatment = part(services.treatment().withToken(token), client);
        CompletableFuture<JsonNode> notifications = part(services.notifications().withToken(token), client);
        ObjectNode document = json.createObjectNode();
        document.put("format", FORMAT);
        document.put("clientId", client.toString());
        document.put("exportedAt", times.now().toString());
        document.set("booking", Parallel.join(booking));
        document.set("treatment", Parallel.join(treatment));
        document.set("notifications", Parallel.join(notifications));
        return document;
    }

    private CompletableFuture<JsonNode> part(ServiceClient service, UUID client) {
        return parallel.call(() -> service.get(JsonNode.class, "/clients/{id}/export", client));
    }
}
