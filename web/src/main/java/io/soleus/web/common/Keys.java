package io.soleus.web.common;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Idempotency keys for the forms a page shows, one per form, so the change it sends happens once
 * however often it is sent (a double click, a reload, a retry). Templates reach it as {@code @keys}.
 */
@Component("keys")
public class Keys {

    public String next() {
        return UUID.randomUUID().toString();
    }
}
