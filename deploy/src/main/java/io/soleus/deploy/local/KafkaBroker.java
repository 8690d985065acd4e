package io.soleus.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/**
 * A single-node KRaft broker in its own JVM, from the kafka_2.13 artifact on the launcher's
 * classpath, its log kept under the platform's data folder; kept forever, as replays read it.
 */
final class KafkaBroker {

    static final String NAME = "kafka";

    private final Path data;
    private final int port;
    private final int controllerPort;
    private final Processes processes;
    private final Console console;

    KafkaBroker(Path data, int port, int controllerPort, Processes processes, Console console) {
        this.data = data;
        this.port = port;
        this.controllerPort = controllerPort;
        this.processes = processes;
        this.console = console;
    }

    /** Starts the broker (on its kept data, if any) and waits until it leads every partition. */
    void start() {
        console.step("Starting Kafka on localhost:" + port);
        Console.requireFree(port);
        Path dir = data.resolve("kafka");
        Path properties = data.resolve("kafka.properties");
        try {
            Files.writeString(properties, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@localhost:" + controllerPort,
                    "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://localhost:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "log.dirs=" + dir,
                    // the services create their topics as the platform declares them (io.soleus.kernel.Topics),
                    // never the broker by its defaults on a first send
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "log.retention.ms=-1", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath = Processes.classpathWithout("greenmail");
        if (!Files.exists(dir.resolve("meta.properties")) && !processes.runToEnd("kafka-format", List.of("-cp", classpath,
                "kafka.tools.StorageTool", "format", "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                "-c", properties.toString()))) {
            throw new IllegalStateException("formatting Kafka's storage failed; see logs/kafka-format.log");
        }
        processes.start(NAME, List.of("-Xmx512m", "-cp", classpath, "kafka.Kafka", properties.toString()), Map.of());
        console.waitFor(Duration.ofMinutes(1), () -> Console.listening(port));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            console.waitFor(Duration.ofMinutes(1), () -> leadsEveryPartition(admin));
        }
        console.done();
    }

    /**
     * The broker answers and leads every partition of its topics, the consumer offsets' too (after a
     * restart it loads them from its log first), so the services' producers and consumers can go on.
     */
    private static boolean leadsEveryPartition(Admin admin) {
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(5, TimeUnit.SECONDS);
            return admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()).allMatch(partition -> partition.leader() != null);
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
