package io.soleus.platform.events;

import io.soleus.kernel.codec.Contract;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;

/**
 * The revision a stored event is written with: a published contract's version, or the
 * {@code @Revision} of a service's own event. Events stored before revisions were written have none,
 * which {@link StoredContractUpcaster} reads as version 1.
 */
final class ContractRevisions implements RevisionResolver {

    private final RevisionResolver annotated = new AnnotationRevisionResolver();

    @Override
    public String revisionOf(Class<?> payloadType) {
        Contract contract = payloadType.getAnnotation(Contract.class);
        return contract != null ? String.valueOf(contract.version()) : annotated.revisionOf(payloadType);
    }
}
