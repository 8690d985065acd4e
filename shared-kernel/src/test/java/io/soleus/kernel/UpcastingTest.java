package io.soleus.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.codec.UnknownContractException;
import io.soleus.kernel.codec.Upcaster;
import org.junit.jupiter.api.Test;

/** How a breaking change travels: a new version of the record and an upcaster per step from the old JSON. */
class UpcastingTest {

    /** Version 3: v1 called the score "painLevel"; v2 added "scale", which v3 requires. */
    @Contract(type = "io.soleus.test.PainNoted", version = 3)
    record PainNoted(String note, int score, String scale) {
    }

    private static final Upcaster RENAME = upcaster(1, json -> {
        json.set("score", json.remove("painLevel"));
        return json;
    });
    private static final Upcaster DEFAULT_SCALE = upcaster(2, json -> json.put("scale", "NPRS"));

    @Test
    void version_one_json_is_read_as_the_current_version() {
        EventCodec codec = EventCodec.builder().register(PainNoted.class, "test").upcaster(RENAME).upcaster(DEFAULT_SCALE).build();

        Object decoded = codec.decode("io.soleus.test.PainNoted", 1, bytes("{\"note\":\"after 18 km\",\"painLevel\":7}"));

        assertThat(decoded).isEqualTo(new PainNoted("after 18 km", 7, "NPRS"));
    }

    @Test
    void version_two_json_skips_the_steps_it_already_took() {
        EventCodec codec = EventCodec.builder().register(PainNoted.class, "test").upcaster(RENAME).upcaster(DEFAULT_SCALE).build();

        Object decoded = codec.decode("io.soleus.test.PainNoted", 2, bytes("{\"note\":\"easy 5 km\",\"score\":3}"));

        assertThat(decoded).isEqualTo(new PainNoted("easy 5 km", 3, "NPRS"));
    }

    @Test
    void a_codec_with_a_gap_in_its_upcaster_chain_is_refused() {
        assertThatThrownBy(() -> EventCodec.builder().register(PainNoted.class, "test").upcaster(DEFAULT_SCALE).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no upcaster from v1");
    }

    @Test
    void a_version_newer_than_known_is_reported_not_guessed() {
        EventCodec codec = EventCodec.builder().register(PainNoted.class, "test").upcaster(RENAME).upcaster(DEFAULT_SCALE).build();

        assertThatThrownBy(() -> codec.decode("io.soleus.test.PainNoted", 4, bytes("{}")))
                .isInstanceOf(UnknownContractException.class);
        assertThatThrownBy(() -> codec.decode("io.soleus.test.Unheard", 1, bytes("{}")))
                .isInstanceOf(UnknownContractException.class);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Upcaster upcaster(int from, java.util.function.UnaryOperator<ObjectNode> step) {
        return Upcaster.of("io.soleus.test.PainNoted", from, step);
    }
}
