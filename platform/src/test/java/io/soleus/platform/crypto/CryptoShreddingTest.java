package io.soleus.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.soleus.kernel.Topics;
import io.soleus.kernel.codec.PersonalData;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.bridge.BridgeTestApplication;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import io.soleus.platform.test.TopicReader;
import io.soleus.platform.test.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two services with key stores of their own, sharing keys over the keys topic on the real broker: a
 * value one seals, the other opens; the keys travel wrapped, never in clear; forgetting the client in
 * one deletes their keys in both, after which neither opens anything of theirs, while another
 * client's values open as before. A sealed value is bound to its client and cannot be altered.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class CryptoShreddingTest {

    static ConfigurableApplicationContext booking;
    static ConfigurableApplicationContext treatment;

    @BeforeAll
    static void start() {
        booking = SoleusInfrastructureInitializer.startOnNewDatabase(BridgeTestApplication.class, "crypto_a",
                Map.of("soleus.crypto.enabled", true, "spring.application.name", "crypto-a", "soleus.crypto.remembered", "1s"));
        treatment = SoleusInfrastructureInitializer.startOnNewDatabase(BridgeTestApplication.class, "crypto_b",
                Map.of("soleus.crypto.enabled", true, "spring.application.name", "crypto-b", "soleus.crypto.remembered", "1s"));
    }

    @AfterAll
    static void stop() {
        booking.close();
        treatment.close();
    }

    static PersonalData personal(ConfigurableApplicationContext service) {
        return service.getBean(PersonalData.class);
    }

    static ClientKeys keys(ConfigurableApplicationContext service) {
        return service.getBean(ClientKeys.class);
    }

    @Test
    void a_value_one_service_seals_another_opens_until_the_client_is_forgotten_by_either() {
        ClientId riley = ClientId.random();
        ClientId casey = ClientId.random();
        String rileys = personal(booking).seal(riley, "Riley Runner");
        String caseys = personal(booking).seal(casey, "Casey Keeper");
        String rileysNote = personal(treatment).seal(riley, "Very tight soleus");

        assertThat(rileys).doesNotContain("Riley").startsWith("v1.");
        assertThat(personal(treatment).open(riley, rileys)).contains("Riley Runner");
        assertThat(personal(booking).open(riley, rileysNote)).as("keys travel both ways").contains("Very tight soleus");
        byte[] secret = keys(booking).own(riley).orElseThrow().secret().getEncoded();
        List<ConsumerRecord<String, byte[]>> shared = TopicReader.readUntil(Topics.KEYS,
                read -> read.stream().anyMatch(record -> record.key().startsWith(riley + "/")), Duration.ofSeconds(30));
        assertThat(shared).filteredOn(record -> record.key().startsWith(riley + "/") && record.value() != null)
                .as("wrapped on the topic, never in clear").isNotEmpty()
                .allSatisfy(record -> assertThat(indexOf(record.value(), secret)).isEqualTo(-1));
        byte[] stored = jdbc(booking).queryForObject("SELECT wrapped FROM client_key WHERE client_id = ? AND owner = 'crypto-a'",
                byte[].class, riley.value());
        assertThat(indexOf(stored, secret)).as("wrapped in the table").isEqualTo(-1);

        keys(booking).forget(riley);

        assertThat(personal(booking).open(riley, rileys)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> personal(treatment).open(riley, rileys).isEmpty()
                && personal(treatment).open(riley, rileysNote).isEmpty());
        assertThat(jdbc(treatment).queryForObject("SELECT count(*) FROM client_key WHERE client_id = ?", Long.class,
                riley.value())).as("the other service's copy and its own key of Riley's are gone").isZero();
        assertThat(keys(treatment).forgotten(riley)).isTrue();
        assertThat(personal(treatment).open(casey, caseys)).contains("Casey Keeper");
        assertThat(personal(booking).seal(riley, "anything")).as("nothing new is sealed for a forgotten client")
                .isEqualTo(SealedPersonalData.NO_KEY);
        List<ConsumerRecord<String, byte[]>> told = TopicReader.readUntil(Topics.KEYS, read -> read.stream()
                .anyMatch(record -> record.key().equals(riley + "/forgotten")), Duration.ofSeconds(30));
        assertThat(told).filteredOn(record -> record.key().equals(riley + "/forgotten"))
                .as("a lasting record, which compaction keeps when the keys' tombstones are gone")
                .allSatisfy(record -> assertThat(record.value()).isNotNull());
    }

    @Test
    void a_client_told_forgotten_on_the_keys_topic_alone_is_forgotten_and_their_values_open_as_erased_without_waiting() {
        // as a service reading the topic from its start sees it once compaction has removed the keys' tombstones
        ClientId former = ClientId.random();
        String sealedLongAgo = "v1." + java.util.UUID.randomUUID() + ".AAAA";
        try (TopicWriter writer = new TopicWriter("crypto-test")) {
            writer.sendRaw(new ProducerRecord<>(Topics.KEYS, former + "/forgotten",
                    "forgotten".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> keys(booking).forgotten(former) && keys(treatment).forgotten(former));
        long started = System.nanoTime();
        assertThat(personal(treatment).open(former, sealedLongAgo)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for a key that will never come")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void an_instance_drops_the_keys_it_remembers_as_soon_as_another_instance_forgets_their_client() {
        ConfigurableApplicationContext instance = SoleusInfrastructureInitializer.startOnNewDatabase(
                BridgeTestApplication.class, "crypto_c", Map.of("soleus.crypto.enabled", true, "spring.application.name",
                        "crypto-c", "soleus.crypto.remembered", "1h"));
        try {
            ClientId riley = ClientId.random();
            String sealed = personal(instance).seal(riley, "Riley Runner");
            assertThat(personal(instance).open(riley, sealed)).contains("Riley Runner"); // its key now in memory, for an hour

            // another instance of the same service, on the same database, forgets Riley
            jdbc(instance).execute("BEGIN; INSERT INTO forgotten_client (client_id) VALUES ('" + riley + "');"
                    + " DELETE FROM client_key WHERE client_id = '" + riley + "';"
                    + " SELECT pg_notify('" + JdbcClientKeys.FORGOTTEN_SIGNAL + "', '" + riley + "'); COMMIT;");

            await().atMost(Duration.ofSeconds(10)).until(() -> personal(instance).open(riley, sealed).isEmpty());
        } finally {
            instance.close();
        }
    }

    @Test
    void a_sealed_value_opens_for_its_own_client_only_and_not_once_altered() {
        ClientId riley = ClientId.random();
        String sealed = personal(booking).seal(riley, "Riley Runner");
        int lastDot = sealed.lastIndexOf('.');
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(lastDot + 1));
        bytes[bytes.length - 1] ^= 1;
        String altered = sealed.substring(0, lastDot + 1) + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> personal(booking).open(ClientId.random(), sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> personal(booking).open(riley, altered)).isInstanceOf(IllegalStateException.class);
        assertThat(personal(booking).open(riley, sealed)).isEqualTo(Optional.of("Riley Runner"));
    }

    static JdbcTemplate jdbc(ConfigurableApplicationContext service) {
        return service.getBean(JdbcTemplate.class);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
