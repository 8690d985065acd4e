package io.soleus.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

/** A calendar feed's secret never reaches a span: the URL a span records reads [secret] where it was. */
class SecretPathsTest {

    final SecretPaths paths = new SecretPaths(List.of("/calendar-feeds/", "/calendar/"));

    @Test
    void the_secret_segment_of_a_feed_url_is_blanked_in_every_key_value() {
        Observation.Context context = new Observation.Context();
        context.addHighCardinalityKeyValue(KeyValue.of("http.url", "http://booking:8081/calendar-feeds/s3cr3t-Value_x.ics?x=1"));
        context.addLowCardinalityKeyValue(KeyValue.of("uri", "/calendar/an0ther.ics"));

        paths.map(context);

        assertThat(context.getHighCardinalityKeyValue("http.url").getValue())
                .isEqualTo("http://booking:8081/calendar-feeds/[secret]?x=1");
        assertThat(context.getLowCardinalityKeyValue("uri").getValue()).isEqualTo("/calendar/[secret]");
    }

    @Test
    void other_urls_are_left_as_they_are() {
        assertThat(paths.redact("/therapists/123/calendar?from=2026-12-01")).isEqualTo("/therapists/123/calendar?from=2026-12-01");
        assertThat(paths.redact("/clients/1/calendar-feed")).isEqualTo("/clients/1/calendar-feed");
    }
}
