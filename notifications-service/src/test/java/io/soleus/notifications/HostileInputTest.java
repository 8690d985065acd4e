package io.soleus.notifications;

import java.util.List;
import java.util.Map;

import io.soleus.platform.test.HostileInput.Attempt;
import io.soleus.platform.test.HostileInput.ValidBody;
import io.soleus.platform.test.ServiceUnderAttack;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Both command endpoints of the notifications API, fed hostile bodies (jqwik): malformed JSON, wrong types,
 * missing and extra fields, huge text, odd Unicode, numbers and dates out of range, SQL and HTML.
 * Each is a 4xx problem naming the field, never a 5xx, and changes nothing; hostile ids and query
 * values in reads are never a 5xx either. The service stays ready, and its logs hold none of the
 * personal data sent.
 */
class HostileInputTest {

    private static final String POLICY = "Henrietta's clinic charges late cancellations in full";

    /** A valid body for each command endpoint; the test fails when the API has one without an example. */
    static final List<ValidBody> EXAMPLES = List.of(
            new ValidBody("PUT /clients/{clientId}/notification-preferences", Map.of("channels",
                    Map.of("REMINDER", "EMAIL"), "nonEssential", true,
                    "quietHours", Map.of("from", "22:00", "until", "07:00"), "language", "en")),
            new ValidBody("PUT /clinics/{clinicId}/notification-settings", Map.of(
                    "reminder", Map.of("before", "PT24H", "channel", "EMAIL"),
                    "lastReminder", Map.of("before", "PT2H", "channel", "SMS"),
                    "checkInAfter", "P3D", "lateCancellationPolicy", POLICY)));

    static ServiceUnderAttack notifications;

    @BeforeContainer
    static void start() {
        notifications = ServiceUnderAttack.start(NotificationsApplication.class, List.of(POLICY));
    }

    @AfterContainer
    static void stop() {
        notifications.close();
    }

    @Example
    void every_command_endpoint_has_an_example() {
        notifications.assertAnExampleForEveryCommand(EXAMPLES);
    }

    @Example
    void every_example_is_good_input_so_only_its_damage_is_refused() {
        notifications.assertExamplesAreGoodInput(EXAMPLES);
    }

    @Property(tries = 400)
    void a_hostile_body_is_a_4xx_naming_the_field_and_changes_nothing(@ForAll("attempts") Attempt attempt) {
        notifications.check(attempt, HostileInputTest::storedState);
    }

    @Property(tries = 150)
    void a_hostile_read_is_never_a_5xx(@ForAll("reads") String pathAndQuery) {
        notifications.checkRead(pathAndQuery);
    }

    @Provide
    Arbitrary<Attempt> attempts() {
        return notifications.attempts(EXAMPLES);
    }

    @Provide
    Arbitrary<String> reads() {
        return notifications.reads();
    }

    /** What a refused change must leave as it was: every client's preferences and every clinic's settings. */
    static long storedState() {
        return notifications.jdbc().queryForObject("""
                SELECT (SELECT coalesce(sum(hashtext(p::text)), 0) FROM preference p)
                     + (SELECT coalesce(sum(hashtext(c::text)), 0) FROM clinic c)""", Long.class);
    }
}
