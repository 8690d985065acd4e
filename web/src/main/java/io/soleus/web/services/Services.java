package io.soleus.web.services;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.web.WebProperties;
import io.soleus.web.security.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The three services as the signed-in person reaches them: each call carries their access token,
 * refreshed with their refresh token when it has run out, so the services see who is asking and
 * scope every answer to them.
 */
@Component
public class Services {


    private final ServiceClient booking;
    private final ServiceClient treatment;
    private final ServiceClient notifications;
    private final Optional<ServiceClient> accounts;
    private final OAuth2AuthorizedClientManager authorizedClients;
    private final WebProperties properties;
    private final HttpClient http;

    Services(WebProperties properties, OAuth2AuthorizedClientManager authorizedClients, ObjectMapper json) {
        this.properties = properties;
        this.authorizedClients = authorizedClients;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        OAuth2ClientHttpRequestInterceptor token = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
        token.setClientRegistrationIdResolver(request -> SignedIn.REGISTRATION);
        this.booking = client("booking", properties.services().booking(), token, json);
        this.treatment = client("treatment", properties.services().treatment(), token, json);
        this.notifications = client("notifications", properties.services().notifications(), token, json);
        this.accounts = properties.services().hasAccounts()
                ? Optional.of(client("accounts", properties.services().accounts(), token, json)) : Optional.empty();
    }

    /** The provider's account API, where it is the platform's own. */
    public Optional<ServiceClient> accounts() {
        return accounts;
    }

    public ServiceClient booking() {
        return booking;
    }

    public ServiceClient treatment() {
        return treatment;
    }

    public ServiceClient notifications() {
        return notifications;
    }

    public WebProperties.Services addresses() {
        return properties.services();
    }

    /** The HTTP client live streams are relayed with: no read timeout, a stream stays open. */
    public HttpClient streaming() {
        return http;
    }

    /**
     * The signed-in person's access token now, refreshed if it has run out: for a live stream, which
     * is opened once with it and then relayed on another thread.
     */
    public String accessToken() {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        OAuth2AuthorizedClient client = authorizedClients.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(SignedIn.REGISTRATION).principal(person)
                .attribute(HttpServletRequest.class.getName(), current.getRequest())
                .attribute(HttpServletResponse.class.getName(), current.getResponse())
                .build());
        if (client == null) {
            throw new IllegalStateException("no authorized client for the signed-in person");
        }
        return client.getAccessToken().getTokenValue();
    }

    private ServiceClient client(String name, URI base, OAuth2ClientHttpRequestInterceptor token, ObjectMapper json) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.requestTimeout());
        // the application's ObjectMapper, so times go out as the ISO text the services read, not as numbers
        RestClient untokened = RestClient.builder().baseUrl(base.toString()).requestFactory(requests)
                .messageConverters(converters -> converters.replaceAll(converter ->
                        converter instanceof MappingJackson2HttpMessageConverter ? new MappingJackson2HttpMessageConverter(json)
                                : converter))
                .build();
        return new ServiceClient(name, untokened.mutate().requestInterceptor(token).build(), untokened, json);
    }
}
