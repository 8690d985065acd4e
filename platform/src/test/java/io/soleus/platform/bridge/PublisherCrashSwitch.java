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
        if (crashesLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            records.forEach(record -> acknowledgedBeforeCrash.add(record.partition() + "@" + record.offset()));
            throw new SimulatedCrash("publisher died after Kafka acknowledged " + records.size() + " records");
        }
    }
}
