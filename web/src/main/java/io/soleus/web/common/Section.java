package io.soleus.web.common;

import java.util.function.Supplier;

import io.soleus.web.services.ServiceUnavailable;

/**
 * A part of a page filled from one service: its value, or the name of the service that did not
 * answer, so the rest of the page still shows and this part says plainly what is missing.
 */
public record Section<T>(T value, String unavailable) {

    public static <T> Section<T> of(Supplier<T> read) {
        try {
            return new Section<>(read.get(), null);
        } catch (ServiceUnavailable e) {
            return new Section<>(null, e.service());
        }
    }

    public boolean available() {
        return unavailable == null;
    }
}
