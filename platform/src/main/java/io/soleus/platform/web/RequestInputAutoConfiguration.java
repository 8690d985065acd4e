package io.soleus.platform.web;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What a service's API accepts as input before any controller sees it: bodies up to a size, JSON
 * without unknown fields or unprintable text ({@link StrictJson}, {@link RequestBodyLimit}).
 */
@AutoConfiguration
public class RequestInputAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(@Value("${soleus.http.max-body-size:64KB}") DataSize limit) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(new RequestBodyLimit(limit));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    WebMvcConfigurer strictRequestJson(ObjectMapper mapper) {
        ObjectMapper strict = StrictJson.forRequests(mapper);
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                // a converter of MVC's own: the shared one also serves RestClients, which read others' JSON
                converters.replaceAll(converter -> converter instanceof MappingJackson2HttpMessageConverter
                        ? new MappingJackson2HttpMessageConverter(strict) : converter);
            }
        };
    }
}
