package io.soleus.notifications;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A stub of the SMS provider's HTTP API (WireMock) in the test JVM. By default every message is
 * accepted with an id; a test makes a phone number's messages fail as it needs.
 */
public final class SmsProvider {

    public static final String API_KEY = "test-sms-key";

    private static final WireMockServer SERVER = start();

    private SmsProvider() {
    }

    public static String baseUrl() {
        return SERVER.baseUrl();
    }

    public static WireMockServer server() {
        return SERVER;
    }

    /** The messages the provider received for a number, in order, repeats included. */
    public static List<LoggedRequest> to(String phone) {
        return SERVER.findAll(postRequestedFor(urlEqualTo("/messages")).withRequestBody(matchingJsonPath("$.to", 
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(phone))));
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/messages")).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"sms-{{randomValue length=12 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));
        return server;
    }
}
