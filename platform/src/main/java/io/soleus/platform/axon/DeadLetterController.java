package io.soleus.platform.axon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.soleus.kernel.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets an admin see the events a processing group could not handle and retry them once the cause is
 * fixed. Letters are shown without payloads: they may hold personal data.
 */
@RestController
@RequestMapping("/admin/dead-letters")
@Tag(name = "Dead letters", description = "Events a processing group could not handle, for admins to retry")
public class DeadLetterController {

    private static final int MAX_LETTERS_SHOWN = 500;

    private final EventProcessingConfiguration processing;

    public DeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public record Letter(String eventId, String payloadType, String aggregateId, String causeType,
                         String causeMessage, Instant enqueuedAt, Instant lastTouched) {
    }

    public record Sequence(List<Letter> letters) {
    }

    public record Queue(String processingGroup, long letters, long sequences, List<Sequence> shown) {
    }

    public record RetryResult(String processingGroup, int sequencesProcessed, long lettersLeft) {
    }

    @GetMapping("/{processingGroup}")
    @Operation(summary = "The events a processing group parked, by sequence, without their payloads")
    public Queue list(@PathVariable String processingGroup) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queueOf(processingGroup);
        List<Sequence> shown = new ArrayList<>();
        int count = 0;
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            List<Letter> letters = new ArrayList<>();
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (count++ >= MAX_LETTERS_SHOWN) {
                    break;
                }
                letters.add(letterOf(letter));
            }
            if (!letters.isEmpty()) {
                shown.add(new Sequence(letters));
            }
        }
        return new Queue(processingGroup, queue.size(), queue.amountOfSequences(), shown);
    }

    /** Retries every parked sequence once; a letter that fails again stays parked. */
    @PostMapping("/{processingGroup}/retry")
    @Operation(summary = "Retry every parked sequence once; a letter that fails again stays parked")
    public RetryResult retry(@PathVariable String processingGroup) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queueOf(processingGroup);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> new NotFoundException("No dead-letter queue for " + processingGroup));
        long sequences = queue.amountOfSequences();
        int processed = 0;
        for (long attempt = 0; attempt < sequences; attempt++) {
            if (processor.processAny()) {
                processed++;
            }
        }
        return new RetryResult(processingGroup, processed, queue.size());
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queueOf(String processingGroup) {
        return processing.deadLetterQueue(processingGroup)
                .orElseThrow(() -> new NotFoundException("No dead-letter queue for " + processingGroup));
    }

    private static Letter letterOf(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String aggregateId = message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : null;
        return new Letter(message.getIdentifier(), message.getPayloadType().getName(), aggregateId,
                letter.cause().map(Cause::type).orElse(null), letter.cause().map(Cause::message).orElse(null),
                letter.enqueuedAt(), letter.lastTouched());
    }
}
