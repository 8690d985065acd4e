package io.soleus.web.common;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.soleus.web.WebProperties;
import io.soleus.web.security.SignedIn;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Spring MVC as the pages use it: controllers may take the {@link SignedIn} person as a parameter;
 * pages speak English and German, as the notifications do, the browser's language first, then the
 * person's pick ({@code ?lang=de}), kept in a cookie.
 */
@Configuration
class MvcConfiguration implements WebMvcConfigurer {

    private final WebProperties properties;

    MvcConfiguration(WebProperties properties) {
        this.properties = properties;
    }

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("SOLEUS_LANG");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> SUPPORTED.stream()
                .filter(locale -> locale.getLanguage().equals(request.getLocale().getLanguage()))
                .findFirst().orElse(Locale.ENGLISH));
        return resolver;
    }

    /** A controller method's {@link SignedIn} parameter: the person signed in, or null for a visitor. */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType().equals(SignedIn.class);
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                return PageModel.signedIn(properties);
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
