package io.soleus.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.kernel.Topics;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Topics held to the platform's one declaration, on a real broker: created so where allowed, else checked. */
@ExtendWith(SoleusInfrastructureExtension.class)
class TopicProvisioningTest {

    private Admin admin;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SoleusInfrastructure.get().kafkaBootstrapServers()));
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    @Test
    void where_topics_may_be_created_a_missing_one_is_created_as_declared_and_then_passes_its_check() throws Exception {
        String topic = fresh();

        assertThat(provisioning(true).provision(List.of(topic))).isTrue();

        assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(Topics.PARTITIONS);
        Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic))).all().get()
                .values().iterator().next();
        assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(provisioning(false).provision(List.of(topic))).as("checked again where topics are provisioned").isTrue();
    }

    @Test
    void where_topics_are_provisioned_a_missing_one_stops_the_service_saying_what_to_provision() throws Exception {
        String topic = fresh();

        assertThatThrownBy(() -> provisioning(false).provision(List.of(topic)))
                .isInstanceOf(TopicProvisioning.TopicSettingsException.class)
                .hasMessageContaining(topic + " does not exist: provision it with 12 partitions, 1 replicas, "
                        + "min.insync.replicas=1, cleanup.policy=delete, retention.bytes=-1, retention.ms=-1");
        assertThat(exists(topic)).as("never guessed").isFalse();
    }

    @Test
    void a_topic_that_forgets_history_or_has_another_partition_count_stops_the_service_naming_each_setting() throws Exception {
        String weekLong = fresh();
        String sixPartitions = fresh();
        create(new NewTopic(weekLong, Topics.PARTITIONS, (short) 1).configs(Map.of("retention.ms", "604800000")),
                new NewTopic(sixPartitions, 6, (short) 1).configs(Topics.CONFIG));

        for (boolean create : List.of(true, false)) {
            assertThatThrownBy(() -> provisioning(create).provision(List.of(weekLong, sixPartitions)))
                    .isInstanceOf(TopicProvisioning.TopicSettingsException.class)
                    .hasMessageContaining(weekLong + " has retention.ms=604800000, the platform declares -1")
                    .hasMessageContaining(sixPartitions + " has 6 partitions, the platform declares 12 "
                            + "(changing the count is a migration, see the README)");
        }
    }

    @Test
    void the_keys_topic_is_made_compacted_and_one_that_would_delete_keys_by_age_stops_the_service() throws Exception {
        String keys = fresh();
        assertThat(provisioning(true).provision(List.of(keys), TopicProvisioning.Kind.KEYS)).isTrue();
        assertThat(admin.describeTopics(List.of(keys)).allTopicNames().get().get(keys).partitions())
                .hasSize(Topics.KEYS_PARTITIONS);
        Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, keys))).all().get()
                .values().iterator().next();
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(provisioning(false).provision(List.of(keys), TopicProvisioning.Kind.KEYS)).isTrue();

        String deleting = fresh();
        create(new NewTopic(deleting, Topics.KEYS_PARTITIONS, (short) 1).configs(Map.of("cleanup.policy", "delete")));
        assertThatThrownBy(() -> provisioning(false).provision(List.of(deleting), TopicProvisioning.Kind.KEYS))
                .isInstanceOf(TopicProvisioning.TopicSettingsException.class)
                .hasMessageContaining("every service can read each client's keys")
                .hasMessageContaining(deleting + " has cleanup.policy=delete, the platform declares compact");
    }

    private TopicProvisioning provisioning(boolean create) {
        KafkaBridgeProperties.Topics settings = new KafkaBridgeProperties.Topics();
        settings.setCreate(create);
        return new TopicProvisioning(admin, settings);
    }

    /** Creates the topics and waits until the broker describes them: creation is acknowledged before its metadata spreads. */
    private void create(NewTopic... topics) throws Exception {
        admin.createTopics(List.of(topics)).all().get();
        List<String> names = Arrays.stream(topics).map(NewTopic::name).toList();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> admin.describeTopics(names).allTopicNames().get().keySet().containsAll(names));
    }

    private boolean exists(String topic) throws Exception {
        return admin.listTopics().names().get().contains(topic);
    }

    private static String fresh() {
        return "soleus.test." + UUID.randomUUID();
    }
}
