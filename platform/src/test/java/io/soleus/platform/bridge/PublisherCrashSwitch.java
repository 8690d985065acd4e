package io.soleus.platform.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.soleus.platform.kafka.KafkaPublisher;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.stereotype.Component;

/** Crashes the publisher after Kafka acknowledged a batch and before its token commits, when armed. */
@Component
class PublisherCrashSwitch implements KafkaPublisher.AcknowledgedBatchListener {

    final AtomicInteger crashesLeft = new AtomicInteger();
    /** Where Kafka put the records of the batches that then died. */
    final List<String> acknowledgedBeforeCrash = new CopyOnWriteArrayList<>();

    @Override
    public void acknowledged(List<RecordMetadata> records) {
        // one publisher thread calls this; the records are noted before the count drops, which tests wait on
        if (crashesLeft.get() > 0) {
            records.forEach(record -> acknowledgedBeforeCrash.add(record.partition() + "@" + record.offset()));
            crashesLeft.decrementAndGet();
            throw new SimulatedCrash("publisher died after Kafka acknowledged " + records.size() + " records");
        }
    }
}
