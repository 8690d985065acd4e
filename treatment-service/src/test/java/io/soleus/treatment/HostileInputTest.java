package io.soleus.treatment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * Every command endpoint of treatment's API, fed hostile bodies (jqwik): malformed JSON, wrong types,
 * missing and extra fields, huge text, odd Unicode, numbers and dates out of range, SQL and HTML.
 * Each is a 4xx problem naming the field, never a 5xx, and stores nothing; hostile ids and query
 * values in reads are never a 5xx either. The service stays ready, and its logs hold none of the
 * personal data sent.
 */
class HostileInputTest {

    private static final String COMPLAINT = "Henrietta's calf pain since the marathon";
    private static final String NOTES = "Henrietta mentions her divorce";
    private static final String REASON = "Henrietta moved to Leeds";

    private static final String SOME_ID = UUID.randomUUID().toString();
    private static final Map<String, Object> SITE = Map.of("muscle", "soleus", "side", "LEFT", "region", "mid-belly");

    /** A valid body for each command endpoint; the test fails when the API has one without an example. */
    static final List<ValidBody> EXAMPLES = List.of(
            new ValidBody("POST /cases", Map.of("clientId", SOME_ID, "clinicId", SOME_ID, "therapistId", SOME_ID,
                    "complaint", COMPLAINT, "workingFinding", Map.of("code", "soleus-myofascial-pain",
                            "label", "Soleus myofascial pain"), "side", "LEFT", "contributingFactors", List.of("OVERUSE"))),
            new ValidBody("POST /cases/{caseId}/assessments", Map.of("sessionId", SOME_ID, "pain", 6,
                    "triggerPoints", List.of(Map.of("site", SITE, "severity", "MODERATE")), "tightness", "MODERATE",
                    "notes", NOTES)),
            new ValidBody("POST /cases/{caseId}/trigger-point-treatments", Map.of("sessionId", SOME_ID, "site", SITE,
                    "pressure", "FIRM", "seconds", 90, "response", "RELEASED")),
            new ValidBody("POST /cases/{caseId}/myofascial-releases", Map.of("sessionId", SOME_ID, "region", SITE,
                    "minutes", 10, "response", "PARTIALLY_RELEASED")),
            new ValidBody("PUT /cases/{caseId}/plan", Map.of("exercises", List.of(Map.of("exerciseId", SOME_ID,
                    "dose", Map.of("sets", 3, "reps", 15, "times", 2, "per", "DAY", "weeks", 6))))),
            new ValidBody("POST /cases/{caseId}/progress", Map.of("exerciseId", SOME_ID, "outcome", "DONE", "pain", 3,
                    "day", "2026-12-14")),
            new ValidBody("POST /cases/{caseId}/discharge", Map.of("finalPain", 1, "backToActivity", true,
                    "reason", REASON)),
            new ValidBody("POST /exercises", Map.of("name", "Bent-knee calf raise", "description",
                    "Slow raises with the knee bent, to load the soleus")),
            new ValidBody("POST /clients/{clientId}/intake/{clinicId}", IntakeAndConsentTest.answers("yes")),
            new ValidBody("POST /clients/{clientId}/consents/{clinicId}", Map.of("kinds", List.of("TREATMENT", "DATA_PROCESSING"))),
            new ValidBody("POST /clients/{clientId}/consents/{clinicId}/withdrawal", Map.of("kinds", List.of("TREATMENT"))),
            new ValidBody("POST /cases/{caseId}/measures", ReferenceCaseTest.psfs(4)),
            new ValidBody("POST /clients/{clientId}/intake/{clinicId}/measures", ReferenceCaseTest.lefs(60)),
            new ValidBody("POST /clients/{clientId}/intake/{clinicId}/red-flag-clearance", Map.of("note", NOTES)),
            new ValidBody("PUT /clinics/{clinicId}/questionnaire-settings", Map.of("intakeForm", "calf-intake",
                    "intakeFormVersion", 1, "followUpEvery", 3)));

    static ServiceUnderAttack treatment;

    @BeforeContainer
    static void start() {
        treatment = ServiceUnderAttack.start(TreatmentApplication.class, List.of(COMPLAINT, NOTES, REASON));
    }

    @AfterContainer
    static void stop() {
        treatment.close();
    }

    @Example
    void every_command_endpoint_has_an_example() {
        treatment.assertAnExampleForEveryCommand(EXAMPLES);
    }

    @Example
    void every_example_is_good_input_so_only_its_damage_is_refused() {
        treatment.assertExamplesAreGoodInput(EXAMPLES);
    }

    @Property(tries = 400)
    void a_hostile_body_is_a_4xx_naming_the_field_and_stores_nothing(@ForAll("attempts") Attempt attempt) {
        treatment.check(attempt, HostileInputTest::storedEvents);
    }

    @Property(tries = 150)
    void a_hostile_read_is_never_a_5xx(@ForAll("reads") String pathAndQuery) {
        treatment.checkRead(pathAndQuery);
    }

    @Provide
    Arbitrary<Attempt> attempts() {
        return treatment.attempts(EXAMPLES);
    }

    @Provide
    Arbitrary<String> reads() {
        return treatment.reads();
    }

    static long storedEvents() {
        return treatment.jdbc().queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
