package io.soleus.kernel.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import org.junit.jupiter.api.Test;

/**
 * The codec seals a client's personal values on writing and opens them on reading; once the client is
 * forgotten they read as erased, whether they were sealed or written in clear before sealing began.
 */
class PersonalFieldsTest {

    /** Reversible "sealing" that names its client and forgets on request: enough to see what the codec does. */
    static final class Keys implements PersonalData {
        final Set<ClientId> forgotten = new HashSet<>();

        @Override
        public String seal(ClientId client, String text) {
            return client + ":" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<String> open(ClientId client, String sealed) {
            if (forgotten.contains(client)) {
                return Optional.empty();
            }
            assertThat(sealed).startsWith(client + ":");
            return Optional.of(new String(Base64.getDecoder().decode(sealed.substring(sealed.indexOf(':') + 1)),
                    StandardCharsets.UTF_8));
        }

        @Override
        public boolean forgotten(ClientId client) {
            return forgotten.contains(client);
        }
    }

    static final ClientId RILEY = ClientId.random();
    static final ClientId CASEY = ClientId.random();
    static final String REGISTERED = "io.soleus.booking.ClientRegistered";

    final Keys keys = new Keys();
    final EventCodec codec = EventCodec.standard().sealing(keys);

    static ClientRegistered registered(ClientId client, String name, String email) {
        return new ClientRegistered(client, name, email, "+44 7700 900123", Channel.EMAIL, true, "en",
                Instant.parse("2026-11-30T09:00:00Z"));
    }

    @Test
    void personal_values_are_written_sealed_and_read_in_clear() {
        byte[] json = codec.encode(registered(RILEY, "Riley Runner", "riley@example.org"));

        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("Riley Runner", "riley@example.org", "+44")
                .contains("\"sealed\"", "\"preferredChannel\":\"EMAIL\"");
        assertThat(codec.decode(REGISTERED, 1, json)).isEqualTo(registered(RILEY, "Riley Runner", "riley@example.org"));
    }

    @Test
    void a_forgotten_clients_values_read_as_erased_and_everyone_elses_as_they_were() {
        byte[] riley = codec.encode(registered(RILEY, "Riley Runner", "riley@example.org"));
        byte[] casey = codec.encode(registered(CASEY, "Casey Cyclist", "casey@example.org"));

        keys.forgotten.add(RILEY);

        ClientRegistered erased = (ClientRegistered) codec.decode(REGISTERED, 1, riley);
        assertThat(erased.name()).isEqualTo(Personal.ERASED);
        assertThat(erased.email()).isEqualTo(Personal.ERASED);
        assertThat(erased.phone()).isEqualTo(Personal.ERASED);
        assertThat(erased.preferredChannel()).as("what is not personal stays").isEqualTo(Channel.EMAIL);
        assertThat(codec.decode(REGISTERED, 1, casey)).isEqualTo(registered(CASEY, "Casey Cyclist", "casey@example.org"));
    }

    @Test
    void values_written_in_clear_before_sealing_began_read_as_they_are_until_their_client_is_forgotten() {
        byte[] legacy = EventCodec.standard().encode(registered(RILEY, "Riley Runner", "riley@example.org"));

        assertThat(((ClientRegistered) codec.decode(REGISTERED, 1, legacy)).name()).isEqualTo("Riley Runner");
        keys.forgotten.add(RILEY);
        assertThat(((ClientRegistered) codec.decode(REGISTERED, 1, legacy)).name()).isEqualTo(Personal.ERASED);
    }

    @Contract(type = "io.soleus.test.Note", version = 1)
    record Note(@Personal String text) {
    }

    @Test
    void only_an_event_about_a_client_may_hold_personal_values() {
        assertThatThrownBy(() -> PersonalFields.of(Note.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("names no client");
    }

    @Test
    void the_platforms_contracts_mark_what_is_personal() {
        assertThat(PersonalFields.of(ClientRegistered.class)).containsExactly("name", "email", "phone");
        assertThat(PersonalFields.of(io.soleus.kernel.treatment.AssessmentRecorded.class)).containsExactly("notes");
        assertThat(PersonalFields.of(io.soleus.kernel.treatment.CaseOpened.class)).containsExactly("complaint");
        assertThat(PersonalFields.any(io.soleus.kernel.booking.SessionBooked.class)).isFalse();
    }
}
