package io.soleus.kernel.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class UtcInstantsTest {

    private static final ObjectMapper JACKSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final ObjectMapper SOLEUS = JsonMapper.builder().addModule(new JavaTimeModule())
            .addModule(new UtcInstants()).build();
    /** From year 0 to year 9999: every instant Soleus writes has four digits of year. */
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Property(tries = 5_000)
    void reads_every_instant_as_it_was_written(@ForAll("instants") Instant instant) throws Exception {
        String json = '"' + instant.toString() + '"';
        assertThat(UtcInstants.parse(instant.toString())).isEqualTo(instant);
        assertThat(SOLEUS.readValue(json, Instant.class)).isEqualTo(JACKSON.readValue(json, Instant.class)).isEqualTo(instant);
    }

    @Property(tries = 2_000)
    void reads_any_number_of_fractional_digits_as_iso_does(@ForAll @LongRange(min = 0, max = 4_102_444_799L) long second,
                                                            @ForAll @IntRange(min = 1, max = 9) int digits,
                                                            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        String fraction = String.format("%09d", nanos).substring(0, digits);
        String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)).replace("Z", "." + fraction + "Z");
        assertThat(UtcInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(FIRST, LAST).flatMap(second -> Arbitraries.oneOf(
                Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(millis -> millis * 1_000_000),
                Arbitraries.integers().between(0, 999_999_999)).map(nanos -> Instant.ofEpochSecond(second, nanos)));
    }

    @Example
    void leaves_every_other_form_to_jackson_which_reads_it_as_before() throws Exception {
        for (String other : new String[]{"2026-11-30T10:00:00+01:00", "2026-11-30T10:00:00z", "2016-12-31T23:59:60Z",
                "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-11-30T24:00:00Z", "2026-11-30T10:00:00.Z"}) {
            assertThat(UtcInstants.parse(other)).as(other).isNull();
            String json = '"' + other + '"';
            assertThat(SOLEUS.readValue(json, Instant.class)).as(other).isEqualTo(JACKSON.readValue(json, Instant.class));
        }
        assertThat(SOLEUS.readValue("1764496800", Instant.class)).isEqualTo(Instant.parse("2025-11-30T10:00:00Z"));
    }

    @Example
    void refuses_what_is_no_instant_as_jackson_does() {
        for (String wrong : new String[]{"2026-02-30T10:00:00Z", "2026-11-30T10:60:00Z", "2026-11-30T10:00Z",
                "2026-11-30T10:00:00.1234567890Z", "2026-1l-30T10:00:00Z", "2026-11-30 10:00:00Z"}) {
            assertThat(UtcInstants.parse(wrong)).as(wrong).isNull();
            assertThatThrownBy(() -> SOLEUS.readValue('"' + wrong + '"', Instant.class)).as(wrong)
                    .isInstanceOf(InvalidFormatException.class);
        }
    }
}
