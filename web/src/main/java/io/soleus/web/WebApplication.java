package io.soleus.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web front end for clients, therapists and admins: a backend-for-frontend. People sign in
 * through the OpenID Connect provider; their tokens stay in the server-side session and go with
 * every call this module makes to the services on their behalf. Pages are rendered here (Thymeleaf,
 * htmx, ECharts), every asset served by this module.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
