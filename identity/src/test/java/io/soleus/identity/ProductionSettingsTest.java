package io.soleus.identity;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.soleus.identity.test.DevTokenClient;
import io.soleus.identity.test.IdentityServer;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider as production runs it: no development tokens, whatever the caller sends. */
@ExtendWith(SoleusInfrastructureExtension.class)
class ProductionSettingsTest {

    @Test
    void without_the_setting_the_development_token_endpoint_refuses_everyone() {
        try (IdentityServer identity = IdentityServer.withoutDevTokens("http://localhost:18081/callback", "http://localhost:18081/")) {
            HttpResponse<String> answer = DevTokenClient.request(identity.issuer(), identity.devSecret(),
                    Map.of("subject", "admin", "roles", List.of("ADMIN")));
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).doesNotContain("access_token");
        }
    }
}
