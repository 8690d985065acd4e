package io.soleus.kernel;

/** A value refused by the published language's own rules, naming the field so an API can point at it. */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
