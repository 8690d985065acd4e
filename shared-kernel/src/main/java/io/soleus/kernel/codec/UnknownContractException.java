package io.soleus.kernel.codec;

/** JSON of a type or version this codec does not know, e.g. from a newer producer. */
public class UnknownContractException extends RuntimeException {

    public UnknownContractException(String message) {
        super(message);
    }
}
