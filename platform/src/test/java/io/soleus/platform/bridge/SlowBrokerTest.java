package io.soleus.platform.bridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.soleus.kernel.Topics;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.kafka.KafkaPublisher;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that answers slowly (a proxy in front of it delays its every answer) while a second
 * instance runs: each batch waits for Kafka, but within the half of the segment's claim it may wait,
 * so the claim is renewed at every commit, the segment never moves to the other instance, and every
 * event is published once. A broker slower than a batch may wait makes the batch give up; its retry
 * waits for the sends already made instead of sending the events again.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class SlowBrokerTest {

    /** Well above the 5 s after which Axon renews an idle segment's claim. */
    private static final Duration CLAIM = Duration.ofSeconds(8);
    /** Each answer of the broker this late: an eighth of the claim, within the 4 s a batch may wait. */
    private static final Duration LATENCY = Duration.ofSeconds(1);
    private static final int BATCHES = 8;
    private static final int PER_BATCH = 20;

    private static DelayingProxy proxy;
    private static EmbeddedKafkaKraftBroker broker;
    private static String bootstrap;

    @BeforeAll
    static void slowBroker() throws IOException {
        int brokerPort = freePort();
        proxy = new DelayingProxy(brokerPort);
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        // clients find the broker through the proxy, whose address it advertises
        broker.brokerProperties(Map.of(
                "listeners", "EXTERNAL://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:0",
                "advertised.listeners", "EXTERNAL://127.0.0.1:" + proxy.port(),
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        bootstrap = "127.0.0.1:" + proxy.port();
    }

    @AfterAll
    static void stopBroker() throws IOException {
        broker.destroy();
        proxy.close();
    }

    @AfterEach
    void answerAtOnce() {
        proxy.answerAfter(Duration.ZERO);
    }

    @Test
    void with_a_slow_broker_and_a_second_instance_no_segment_bounces_and_each_event_is_published_once() {
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("slowbroker");
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
        try (BridgeApp first = BridgeApp.start(database, "a", settings());
             BridgeApp second = BridgeApp.start(database, "b", settings())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> publisherOwners(first).size() == 1
                    && publisherOwners(first).get(0) != null);
            Set<String> owners = ConcurrentHashMap.newKeySet();
            watch.scheduleAtFixedRate(() -> {
                try {
                    // a claim released after a failed batch shows as no owner
                    publisherOwners(first).forEach(owner -> owners.add(Objects.requireNonNullElse(owner, "nobody")));
                } catch (RuntimeException e) {
                    owners.add("unknown: " + e); // keeps watching, and fails the test
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            proxy.answerAfter(LATENCY);

            List<SessionId> sessions = Sessions.many(PER_BATCH);
            long started = System.nanoTime();
            // appended through both instances; whichever holds the segment publishes
            first.appendInterleaved(sessions, 0, BATCHES / 2);
            second.appendInterleaved(sessions, BATCHES / 2, BATCHES);
            awaitPublished(first, second);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            watch.shutdownNow();

            assertEachEventOnceOnTheTopic(sessions, BATCHES);
            assertThat(owners).as("the publisher's segment stayed with one instance").hasSize(1);
            assertThat(took).as("the broker answered each batch slowly").isGreaterThanOrEqualTo(LATENCY.multipliedBy(BATCHES));
        } finally {
            watch.shutdownNow();
        }
    }

    @Test
    void a_batch_that_gives_up_on_a_broker_slower_than_it_may_wait_is_retried_without_sending_its_events_again() {
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("slowerbroker");
        try (BridgeApp app = BridgeApp.start(database, "a", settings())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> publisherOwners(app).size() == 1
                    && publisherOwners(app).get(0) != null);
            // a service that has been publishing (it knows the topic's partitions) when its broker slows down
            app.appendInterleaved(Sessions.many(1), 0, 1);
            awaitPublished(app);
            // each answer later than the 4 s a batch may wait: every first attempt gives up
            proxy.answerAfter(CLAIM.dividedBy(2).plusSeconds(1));
            List<SessionId> sessions = Sessions.many(PER_BATCH);
            app.appendInterleaved(sessions, 0, 1);
            awaitPublished(app);
            assertEachEventOnceOnTheTopic(sessions, 1);
        }
    }

    private static String[] settings() {
        return new String[] {"soleus.kafka.bootstrap-servers=" + bootstrap,
                "axon.eventhandling.tokenstore.claim-timeout=" + CLAIM.toSeconds() + "s",
                "soleus.kafka.publisher.batch-size=" + PER_BATCH};
    }

    /** Waits until the publisher has passed every event stored so far. */
    private static void awaitPublished(BridgeApp... apps) {
        long last = apps[0].jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofMinutes(3)).until(() -> published(apps) >= last);
    }

    private static void assertEachEventOnceOnTheTopic(List<SessionId> sessions, int eventsEach) {
        proxy.answerAfter(Duration.ZERO);
        Set<String> keys = sessions.stream().map(SessionId::toString).collect(Collectors.toSet());
        long events = sessions.size() * (long) eventsEach;
        List<String> ids = ids(TopicReader.readUntil(bootstrap, Topics.BOOKING, read -> ids(read, keys).size() >= events,
                Duration.ofSeconds(60)), keys);
        assertThat(Set.copyOf(ids)).as("every event on the topic").hasSize((int) events);
        assertThat(ids).as("and each once: no instance sent one twice, nor both one").hasSize((int) events);
    }

    private static List<String> publisherOwners(BridgeApp app) {
        return app.jdbc().queryForList("SELECT owner FROM token_entry WHERE processor_name = ?", String.class,
                KafkaPublisher.PROCESSING_GROUP);
    }

    /**
     * How far the publisher has come in the event store, on whichever instance holds its segment: its
     * token moves only once Kafka acknowledged, so nothing before it is left to send, or to send again.
     */
    private static long published(BridgeApp... apps) {
        long position = -1;
        for (BridgeApp app : apps) {
            for (EventTrackerStatus status : BridgeApp.processor(app.context, KafkaPublisher.PROCESSING_GROUP)
                    .processingStatus().values()) {
                position = Math.max(position, status.getCurrentPosition().orElse(-1));
            }
        }
        return position;
    }

    private static List<String> ids(List<ConsumerRecord<String, byte[]>> records, Set<String> keys) {
        return records.stream().filter(record -> keys.contains(record.key()))
                .map(record -> CloudEventMapping.header(record, "ce_id").orElseThrow()).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
