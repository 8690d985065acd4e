package io.soleus.platform.bridge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.SoleusSpringBootTest;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The development clock: on only by its property, set by admins, and then the service's clock. */
@SoleusSpringBootTest(classes = BridgeTestApplication.class, properties = "soleus.dev.clock-control=true")
class DevClockTest {

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Test
    void an_admin_sets_the_services_clock_which_then_runs_on() {
        ApiClient api = new ApiClient(port);
        Instant monthsAgo = Instant.now().minus(Duration.ofDays(90));

        ApiClient.Response set = ApiClient.expect(200, api.put(TestTokens.admin(), "/dev/clock", Map.of("now", monthsAgo.toString())));

        assertThat(Instant.parse(set.text("now"))).isBetween(monthsAgo, monthsAgo.plusSeconds(5));
        assertThat(clock.instant()).isBetween(monthsAgo, monthsAgo.plusSeconds(5));
        ApiClient.expect(403, api.put(TestTokens.therapist("t", "c"), "/dev/clock", Map.of("now", Instant.now().toString())));
        assertThat(ApiClient.expect(400, api.put(TestTokens.admin(), "/dev/clock", Map.of("now", "yesterday")))
                .invalidField()).isEqualTo("now");
        assertThat(clock.instant()).isBefore(Instant.now().minus(Duration.ofDays(89)));
    }
}
