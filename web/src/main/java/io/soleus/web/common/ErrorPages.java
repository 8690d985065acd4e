package io.soleus.web.common;

import io.soleus.web.WebProperties;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.ServiceRefused;
import io.soleus.web.services.ServiceUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a person sees when something behind the page fails: a service that does not answer is named
 * with a plain message (and nothing was changed), something not there or not theirs is "not found",
 * an ended sign-in starts a new one. Never a stack trace, never a blank page; a fragment asked for by
 * htmx gets the message as a fragment.
 */
@ControllerAdvice
class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final WebProperties properties;

    ErrorPages(WebProperties properties) {
        this.properties = properties;
    }

    /** An exception handler's model is a new one: what every page knows is added again. */
    private void page(HttpServletRequest request, Model model) {
        model.addAttribute("me", PageModel.signedIn(properties));
        model.addAttribute("path", request.getRequestURI());
    }

    @ExceptionHandler(ServiceUnavailable.class)
    String unavailable(ServiceUnavailable e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.warn("{} did not answer: {}", e.service(), e.getCause() == null ? "" : e.getCause().getClass().getSimpleName());
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        page(request, model);
        model.addAttribute("service", e.service());
        return fragmentOrPage(request, "errors :: unavailable", "error/unavailable");
    }

    @ExceptionHandler(ServiceRefused.class)
    String refused(ServiceRefused e, HttpServletRequest request, HttpServletResponse response, Model model) {
        page(request, model);
        if (e.notFound()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return fragmentOrPage(request, "errors :: not-found", "error/404");
        }
        response.setStatus(e.status());
        model.addAttribute("refusal", e);
        return fragmentOrPage(request, "errors :: refused", "error/refused");
    }

    /** The refresh token ran out or was revoked: the session ends and the person signs in again. */
    @ExceptionHandler(OAuth2AuthorizationException.class)
    String signInAgain(HttpServletRequest request, HttpServletResponse response) {
        request.getSession().invalidate();
        String signIn = SignedIn.SIGN_IN;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", signIn);
            return "errors :: signed-out";
        }
        return "redirect:" + signIn;
    }

    private static String fragmentOrPage(HttpServletRequest request, String fragment, String page) {
        return request.getHeader("HX-Request") != null ? fragment : page;
    }
}
