package io.soleus.web.client;

import io.soleus.web.WebProperties;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.ServiceRefused;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A client who signed up online exists at the provider but not yet in booking: their first visit to
 * any client page asks for the details booking needs (phone, reminders, language) before anything
 * else. Once known, the session remembers it, so booking is asked once per sign-in.
 */
@Component
class Registration implements HandlerInterceptor, WebMvcConfigurer {

    static final String KNOWN = Registration.class.getName() + ".known";
    static final String WELCOME = "/me/welcome";

    private final BookingApi booking;
    private final WebProperties properties;

    Registration(BookingApi booking, WebProperties properties) {
        this.booking = booking;
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/me/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        HttpSession session = request.getSession();
        if (Boolean.TRUE.equals(session.getAttribute(KNOWN)) || request.getRequestURI().startsWith(WELCOME)) {
            return true;
        }
        try {
            booking.client(SignedIn.from(SecurityContextHolder.getContext().getAuthentication(), properties.clinicsClaim())
                    .client());
            session.setAttribute(KNOWN, true);
            return true;
        } catch (ServiceRefused notRegistered) {
            if (!notRegistered.notFound()) {
                throw notRegistered;
            }
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", WELCOME);
            } else {
                response.sendRedirect(WELCOME);
            }
            return false;
        }
    }
}
