package io.soleus.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.platform.test.HostileInput.Attempt;
import io.soleus.platform.test.HostileInput.ValidBody;
import net.jqwik.api.Arbitrary;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A service started on a database of its own for a hostile-input test ({@link HostileInput}), with its
 * logs captured: when it is closed it must still be ready, and its logs must hold none of the personal
 * data the test sent. Requests go as an admin's, so access is never why one is refused.
 */
public final class ServiceUnderAttack implements AutoCloseable {

    private final ConfigurableApplicationContext service;
    private final CapturedLogs logs;
    private final List<String> personalData;
    private final ApiClient api;
    private final JsonNode description;

    private ServiceUnderAttack(ConfigurableApplicationContext service, CapturedLogs logs, List<String> personalData) {
        this.service = service;
        this.logs = logs;
        this.personalData = personalData;
        this.api = new ApiClient(((WebServerApplicationContext) service).getWebServer().getPort());
        this.description = api.get(null, "/v3/api-docs").body();
    }

    /** Starts {@code application}; {@code personalData} is what the test's bodies hold and no log line may. */
    public static ServiceUnderAttack start(Class<?> application, List<String> personalData) {
        CapturedLogs logs = new CapturedLogs();
        return new ServiceUnderAttack(SoleusInfrastructureInitializer.startOnNewDatabase(application, "hostile input"),
                logs, personalData);
    }

    public JdbcTemplate jdbc() {
        return service.getBean(JdbcTemplate.class);
    }

    /** The examples must cover every command endpoint the service describes. */
    public void assertAnExampleForEveryCommand(List<ValidBody> examples) {
        assertThat(examples.stream().map(ValidBody::endpoint).toList())
                .containsExactlyInAnyOrderElementsOf(HostileInput.commandEndpoints(description));
    }

    /**
     * Each example, sent as it is, is good input: whatever the answer (its ids name nothing, so a 404
     * or a rule's 409 is fine), never a refusal of the input itself, so damage is what a refusal is for.
     */
    public void assertExamplesAreGoodInput(List<ValidBody> examples) {
        for (ValidBody example : examples) {
            int status = api.send(example.method(), TestTokens.admin(), HostileInput.concretePath(example.path()),
                    example.body()).status();
            assertThat(status).as("%s as it is", example.endpoint()).isNotIn(400, 413, 422).isLessThan(500);
        }
    }

    public Arbitrary<Attempt> attempts(List<ValidBody> examples) {
        return HostileInput.attempts(examples, HostileInput.requiredFields(description));
    }

    public Arbitrary<String> reads() {
        return HostileInput.hostileReads(description);
    }

    /** Sends the attempt; {@code stored} measures what a refused request must leave as it was. */
    public void check(Attempt attempt, Supplier<Long> stored) {
        HostileInput.check(attempt, api, TestTokens.admin(), stored);
    }

    public void checkRead(String pathAndQuery) {
        HostileInput.checkRead(pathAndQuery, api, TestTokens.admin());
    }

    @Override
    public void close() {
        try {
            assertThat(api.get(null, "/readyz").status()).as("still ready after it all").isEqualTo(200);
            assertThat(logs.linesContaining(personalData)).as("personal data in the logs").isEmpty();
        } finally {
            logs.close();
            service.close();
        }
    }
}
