package io.soleus.web.privacy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A client's export as a file to save: {@code soleus-client-<id>-<date>.json}. */
public final class Exports {

    private Exports() {
    }

    public static ResponseEntity<ObjectNode> download(ObjectNode document, UUID client) {
        String name = "soleus-client-" + client + "-" + LocalDate.now(ZoneOffset.UTC) + ".json";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(document);
    }
}
