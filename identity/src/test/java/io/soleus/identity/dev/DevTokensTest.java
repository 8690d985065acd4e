package io.soleus.identity.dev;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Development tokens are handed out by a provider on this machine only. */
class DevTokensTest {

    @Test
    void a_provider_reached_from_elsewhere_refuses_to_hand_out_development_tokens() {
        assertThatThrownBy(() -> DevTokens.requireLocal("https://login.example.org/realms/soleus"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SOLEUS_DEV_TOKENS");
        assertThatCode(() -> DevTokens.requireLocal("http://localhost:9000")).doesNotThrowAnyException();
        assertThatCode(() -> DevTokens.requireLocal("http://127.0.0.1:29000")).doesNotThrowAnyException();
    }
}
