package io.soleus.web.common;

import io.soleus.web.WebProperties;
import io.soleus.web.security.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page knows: who is signed in ({@code me}, null for a visitor) and which page this is
 * (for the navigation's current item). Controllers take {@link SignedIn} as a parameter too.
 */
@ControllerAdvice
class PageModel {

    private static final List<String> LANGUAGES = List.of("en", "de");

    private final WebProperties properties;

    PageModel(WebProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("me")
    SignedIn me() {
        return signedIn(properties);
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The language switch keeps the page's query (a filtered dashboard stays filtered) and changes only {@code lang}. */
    @ModelAttribute("languageLinks")
    Map<String, String> languageLinks(HttpServletRequest request) {
        Map<String, String> links = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            links.put(language, UriComponentsBuilder.newInstance().query(request.getQueryString())
                    .replaceQueryParam("lang", language).build().toUriString());
        }
        return links;
    }

    public static SignedIn signedIn(WebProperties properties) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            return null;
        }
        return SignedIn.from(authentication, properties.clinicsClaim());
    }
}
