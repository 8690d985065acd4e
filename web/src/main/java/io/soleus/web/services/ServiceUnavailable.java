package io.soleus.web.services;

/** A service did not answer, or answered with a failure of its own: the page says so and that nothing was changed. */
public class ServiceUnavailable extends RuntimeException {

    private final String service;

    public ServiceUnavailable(String service, Throwable cause) {
        super(service + " did not answer", cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
