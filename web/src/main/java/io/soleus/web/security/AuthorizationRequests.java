package io.soleus.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The authorization requests this front end sends the provider: always with PKCE (S256), in the
 * person's language ({@code ui_locales}), and for "Create an account" with {@code screen_hint=signup},
 * which our provider answers with its sign-up page instead of the sign-in page.
 */
final class AuthorizationRequests {

    static final String SCREEN_HINT = "screen_hint";

    private AuthorizationRequests() {
    }

    static OAuth2AuthorizationRequestResolver resolver(ClientRegistrationRepository registrations, LocaleResolver languages) {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce().andThen(request -> {
            HttpServletRequest current = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
            request.additionalParameters(parameters -> {
                parameters.put("ui_locales", languages.resolveLocale(current).getLanguage());
                if ("signup".equals(current.getParameter(SCREEN_HINT))) {
                    parameters.put(SCREEN_HINT, "signup");
                }
            });
        }));
        return resolver;
    }
}
