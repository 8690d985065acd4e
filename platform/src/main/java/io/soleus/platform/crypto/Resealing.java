package io.soleus.platform.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.soleus.kernel.codec.ContractType;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.kafka.TopicProvisioning;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-off job for events published before sealing began, whose personal values sit in clear on
 * a topic that keeps every record for ever: it copies every contract event this service publishes,
 * from its event store and in the store's order, to a new topic, each personal value sealed as the
 * publisher seals it today and a forgotten client's as erased. It rewrites nothing: the event store
 * keeps what it holds (read through the sealing serializer, a value stored in clear opens as itself,
 * or as erased once its client is forgotten), and the old topic stays until the operators, once every
 * consumer reads the copy, delete it (README, "Events from before sealing"). Records keep their
 * event ids, so a consumer that reads the copy after the old topic handles nothing twice.
 */
public class Resealing {

    private static final Logger log = LoggerFactory.getLogger(Resealing.class);
    private static final int IN_FLIGHT = 1000;

    private final EventStorageEngine events;
    private final EventCodec codec;
    private final CloudEventMapping mapping;
    private final Producer<String, byte[]> producer;
    private final TopicProvisioning topics;
    private final String publishedTopic;

    public Resealing(EventStorageEngine events, EventCodec codec, CloudEventMapping mapping, Producer<String, byte[]> producer,
                     TopicProvisioning topics, String publishedTopic) {
        this.events = events;
        this.codec = codec;
        this.mapping = mapping;
        this.producer = producer;
        this.topics = topics;
        this.publishedTopic = publishedTopic;
    }

    /** Copies every event this service publishes to {@code target}, sealed; answers how many. */
    public long copyTo(String target) throws Exception {
        if (target.equals(publishedTopic)) {
            throw new IllegalArgumentException("the copy goes to a new topic, not to " + publishedTopic + " itself");
        }
        topics.provision(List.of(target));
        long copied = 0;
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        // the store as it is now, in order, batch by batch (not waiting for events still to come)
        try (Stream<? extends TrackedEventMessage<?>> stored = events.readEvents(null, false)) {
            var all = stored.iterator();
            while (all.hasNext()) {
                TrackedEventMessage<?> message = all.next();
                if (!codec.isContract(message.getPayloadType())) {
                    continue;
                }
                ContractType type = codec.typeOf(message.getPayloadType());
                if (!type.topic().equals(publishedTopic)) {
                    continue;
                }
                ProducerRecord<String, byte[]> record = mapping.toRecord(message, type);
                sent.add(producer.send(new ProducerRecord<>(target, null, record.key(), record.value(), record.headers())));
                copied++;
                if (sent.size() >= IN_FLIGHT) {
                    awaitAll(sent);
                }
                if (copied % 100_000 == 0) {
                    log.info("Resealing {} into {}: {} events copied", publishedTopic, target, copied);
                }
            }
        }
        awaitAll(sent);
        log.info("Resealed {} into {}: {} events copied, every personal value sealed", publishedTopic, target, copied);
        return copied;
    }

    private static void awaitAll(List<Future<RecordMetadata>> sent) throws Exception {
        for (Future<RecordMetadata> send : sent) {
            send.get(60, TimeUnit.SECONDS);
        }
        sent.clear();
    }
}
