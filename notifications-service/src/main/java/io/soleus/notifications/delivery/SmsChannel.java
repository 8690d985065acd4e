package io.soleus.notifications.delivery;

import java.net.http.HttpClient;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.notifications.NotificationsProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * SMS through the provider's HTTP API: {@code POST <base-url>/messages} with a bearer key, answered
 * with the provider's message id. Each request carries the notification id as its
 * {@code Idempotency-Key}, so a retry after a timeout, whose first attempt may have gone through, is
 * not a second text. A 5xx, a 429 or no answer is tried again later; any other 4xx is final.
 */
@Component
class SmsChannel {

    private final RestClient http;
    private final String sender;

    SmsChannel(RestClient.Builder builder, NotificationsProperties properties) {
        NotificationsProperties.Sms sms = properties.getSms();
        this.http = builder.baseUrl(sms.getBaseUrl())
                // HTTP/1.1: no cleartext HTTP/2 upgrade, which some gateways answer with an empty body
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                        .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                        .build(ClientHttpRequestFactorySettings.defaults()
                                .withConnectTimeout(sms.getConnectTimeout()).withReadTimeout(sms.getReadTimeout())))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + sms.getApiKey())
                .build();
        this.sender = sms.getSender();
    }

    Outcome send(Pending pending, Recipient recipient, Letter letter) {
        try {
            JsonNode answer = http.post().uri("/messages")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", pending.id().toString())
                    .body(Map.of("from", sender, "to", recipient.phone(), "text", letter.shortText(),
                            "reference", pending.id().toString()))
                    .retrieve()
                    .body(JsonNode.class);
            return new Outcome.Sent(answer == null ? null : answer.path("id").asText(null));
        } catch (HttpClientErrorException e) {
            return e.getStatusCode().value() == 429 ? new Outcome.Transient("429 from the SMS provider")
                    : new Outcome.Permanent(e.getStatusCode().value() + " from the SMS provider");
        } catch (HttpServerErrorException e) {
            return new Outcome.Transient(e.getStatusCode().value() + " from the SMS provider");
        } catch (ResourceAccessException e) {
            return new Outcome.Transient("no answer from the SMS provider");
        }
    }
}
