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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Kafka in KRaft mode, each node a broker and a controller in its own JVM, from the kafka_2.13
 * artifact on the launcher's classpath, its log kept under the platform's data folder (kept forever,
 * as replays read it). One node for people and most tests; three for a test of failover, with the
 * replication the Kubernetes manifests declare (factor 3, two in sync).
 */
final class KafkaCluster {

    /** The process name of the single node, or the prefix of a cluster's ({@code kafka-1} …). */
    static final String NAME = "kafka";

    private final Path data;
    private final List<Node> nodes;
    private final Processes processes;
    private final Console console;
    private final String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);

    private record Node(int id, String name, int port, int controllerPort) {
    }

    /**
     * @param ports the brokers' ports, one per node; {@code controllerPorts} the same number of
     *              ports for the controllers' quorum
     */
    KafkaCluster(Path data, List<Integer> ports, List<Integer> controllerPorts, Processes processes, Console console) {
        if (ports.isEmpty() || ports.size() != controllerPorts.size()) {
            throw new IllegalArgumentException("a port and a controller port for each node");
        }
        this.data = data;
        this.nodes = IntStream.range(0, ports.size()).mapToObj(i -> new Node(i + 1,
                ports.size() == 1 ? NAME : NAME + "-" + (i + 1), ports.get(i), controllerPorts.get(i))).toList();
        this.processes = processes;
        this.console = console;
    }

    /** The services' {@code bootstrap.servers}: every node. */
    String bootstrapServers() {
        return nodes.stream().map(node -> "localhost:" + node.port()).collect(Collectors.joining(","));
    }

    int size() {
        return nodes.size();
    }

    /** The replication the services give the topics they create: every node, and all but one in sync. */
    int replicationFactor() {
        return nodes.size();
    }

    int minInsyncReplicas() {
        return Math.max(1, nodes.size() - 1);
    }

    /** The process names of the nodes: {@code kafka}, or {@code kafka-1} … */
    List<String> names() {
        return nodes.stream().map(Node::name).toList();
    }

    /** Starts every node (on its kept data, if any) and waits until every partition has a leader and all its replicas. */
    void start() {
        console.step("Starting Kafka on " + bootstrapServers());
        nodes.forEach(node -> Console.requireFree(node.port()));
        nodes.forEach(this::launch);
        awaitHealthy();
        console.done();
    }

    /** Starts one node again after it was killed, and waits until it is back in sync on every partition. */
    void restart(String name) {
        Node node = nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka node " + name));
        console.step("Starting " + name + " again on localhost:" + node.port());
        launch(node);
        awaitHealthy();
        console.done();
    }

    /**
     * A node that leads partitions of a topic (the most, or as many as any other: on three nodes each
     * leads a third of them): the one to kill to test failover, as the producers and consumers of
     * those partitions must then move to the new leaders.
     */
    String leaderOf(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic);
            Map<Integer, Long> led = description.partitions().stream().filter(partition -> partition.leader() != null)
                    .collect(Collectors.groupingBy(partition -> partition.leader().id(), Collectors.counting()));
            int leader = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            return nodes.stream().filter(node -> node.id() == leader).findFirst().orElseThrow().name();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the leaders of " + topic + " could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch(Node node) {
        Path dir = data.resolve(node.name());
        Path properties = data.resolve(node.name() + ".properties");
        String voters = nodes.stream().map(n -> n.id() + "@localhost:" + n.controllerPort())
                .collect(Collectors.joining(","));
        int replicas = replicationFactor();
        try {
            Files.writeString(properties, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=" + node.id(),
                    "controller.quorum.voters=" + voters,
                    "listeners=PLAINTEXT://localhost:" + node.port() + ",CONTROLLER://localhost:" + node.controllerPort(),
                    "advertised.listeners=PLAINTEXT://localhost:" + node.port(),
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "log.dirs=" + dir,
                    // the services create their topics as the platform declares them (io.soleus.kernel.Topics),
                    // never the broker by its defaults on a first send
                    "auto.create.topics.enable=false",
                    "default.replication.factor=" + replicas,
                    "offsets.topic.replication.factor=" + replicas,
                    "transaction.state.log.replication.factor=" + replicas,
                    "transaction.state.log.min.isr=" + minInsyncReplicas(),
                    "group.initial.rebalance.delay.ms=0",
                    "log.retention.ms=-1", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath = Processes.classpathWithout("greenmail");
        if (!Files.exists(dir.resolve("meta.properties")) && !processes.runToEnd(node.name() + "-format", List.of("-cp",
                classpath, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString()))) {
            throw new IllegalStateException("formatting Kafka's storage failed; see logs/" + node.name() + "-format.log");
        }
        processes.start(node.name(), List.of("-Xmx512m", "-cp", classpath, "kafka.Kafka", properties.toString()), Map.of());
    }

    private void awaitHealthy() {
        console.waitFor(Duration.ofMinutes(1), () -> nodes.stream().allMatch(node -> Console.listening(node.port())));
        try (Admin admin = admin()) {
            console.waitFor(Duration.ofMinutes(2), () -> healthy(admin));
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    /**
     * Every node is in the cluster and every partition, the consumer offsets' too (after a restart a
     * node loads them from its log first), has a leader and all its replicas in sync, so the services'
     * producers and consumers can go on and a next failure finds every replica caught up.
     */
    private boolean healthy(Admin admin) {
        try {
            if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() < nodes.size()) {
                return false;
            }
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(5, TimeUnit.SECONDS);
            return admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()).allMatch(KafkaCluster::healthy);
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean healthy(TopicPartitionInfo partition) {
        return partition.leader() != null && partition.isr().size() == partition.replicas().size();
    }
}
