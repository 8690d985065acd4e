package io.soleus.web.therapist;

import java.util.Arrays;
import java.util.List;

import io.soleus.kernel.value.ContributingFactor;
import io.soleus.kernel.value.Muscle;
import io.soleus.kernel.value.Pressure;
import io.soleus.kernel.value.Severity;
import io.soleus.kernel.value.Side;
import io.soleus.kernel.value.Tightness;
import io.soleus.kernel.value.TissueResponse;
import org.springframework.stereotype.Component;

/**
 * The clinical words the charting forms offer, from the published language: muscles, sides and
 * regions, severities, pressures, responses, tightness, contributing factors, and the working
 * findings a practice uses most. Templates reach it as {@code @vocabulary}.
 */
@Component("vocabulary")
public class Vocabulary {

    /** A working finding: its code (what reports group by) and its label. */
    public record Finding(String code, String label) {
    }

    /** The muscles the body map draws: the lower leg, front and back. */
    public static final List<String> MAPPED_MUSCLES = List.of("soleus", "gastrocnemius-medial", "gastrocnemius-lateral",
            "tibialis-posterior");

    public static final List<String> REGIONS = List.of("upper-medial", "upper-lateral", "middle-medial", "middle-lateral",
            "lower-medial", "lower-lateral");

    static final List<Finding> FINDINGS = List.of(new Finding("soleus-myofascial-pain", "Soleus myofascial pain"),
            new Finding("gastrocnemius-trigger-points", "Medial gastrocnemius trigger points"),
            new Finding("tibialis-posterior-tendinopathy", "Tibialis posterior tendinopathy"),
            new Finding("calf-strain", "Calf strain"));

    public List<Finding> findings() {
        return FINDINGS;
    }

    public List<String> muscles() {
        return Muscle.vocabulary().stream().map(Muscle::code).toList();
    }

    public List<String> mappedMuscles() {
        return MAPPED_MUSCLES;
    }

    public List<String> regions() {
        return REGIONS;
    }

    public List<String> sides() {
        return names(Side.values());
    }

    public List<String> severities() {
        return names(Severity.values());
    }

    public List<String> pressures() {
        return names(Pressure.values());
    }

    public List<String> responses() {
        return names(TissueResponse.values());
    }

    public List<String> tightness() {
        return names(Tightness.values());
    }

    public List<String> factors() {
        return names(ContributingFactor.values());
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
