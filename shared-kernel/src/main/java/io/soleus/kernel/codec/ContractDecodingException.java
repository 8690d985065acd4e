package io.soleus.kernel.codec;

/** JSON that is not a valid event of the contract it claims to be. */
public class ContractDecodingException extends RuntimeException {

    public ContractDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
