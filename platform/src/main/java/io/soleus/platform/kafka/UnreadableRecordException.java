package io.soleus.platform.kafka;

/** A record cannot be read as an event of this service; the message says why, never what it holds. */
public class UnreadableRecordException extends RuntimeException {

    public UnreadableRecordException(String reason) {
        super(reason);
    }
}
