package io.soleus.treatment.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.InvalidValueException;
import io.soleus.treatment.measure.Instrument.Activity;
import io.soleus.treatment.measure.Instrument.Answers;
import org.junit.jupiter.api.Test;

/**
 * The instruments as the data files give them, scored as the published instruments say: the LEFS
 * (Binkley et al. 1999) adds its twenty items rated 0–4 to a score of 0–80, with a minimal important
 * change of 9 points; the PSFS (Stratford et al. 1995) averages the client's activities rated 0–10,
 * with a minimal important change of 2 points on that mean.
 */
class InstrumentScoringTest {

    final Instruments instruments = new Instruments();
    final Instrument lefs = instruments.current("lefs");
    final Instrument psfs = instruments.current("psfs");

    Map<String, Integer> lefsRatings(int... ratings) {
        Map<String, Integer> items = new LinkedHashMap<>();
        for (int i = 0; i < lefs.items().size(); i++) {
            items.put(lefs.items().get(i).id(), ratings[i % ratings.length]);
        }
        return items;
    }

    @Test
    void the_lefs_has_twenty_items_in_english_and_german_rated_from_extreme_difficulty_to_none() {
        assertThat(lefs.items()).hasSize(20);
        assertThat(lefs.items().get(0).text().in("en")).isEqualTo("Any of your usual work, housework or school activities");
        assertThat(lefs.items()).allSatisfy(item -> assertThat(item.text().texts()).containsKeys("en", "de"));
        assertThat(lefs.scale()).extracting(Instrument.Level::value).containsExactly(0, 1, 2, 3, 4);
        assertThat(lefs.scale().get(0).text().in("en")).isEqualTo("Extreme difficulty or unable to perform");
        assertThat(lefs.scoring().max()).isEqualTo(80);
    }

    @Test
    void the_lefs_score_is_the_sum_of_its_items() {
        // the published worked example: no difficulty with anything scores the maximum, 80
        assertThat(lefs.score(new Answers(lefsRatings(4), null)).score()).isEqualTo(80.0);
        assertThat(lefs.score(new Answers(lefsRatings(0), null)).score()).isEqualTo(0.0);
        // "a little bit of difficulty" (3) with every item: 60; alternating 3 and 2: 50
        assertThat(lefs.score(new Answers(lefsRatings(3), null)).score()).isEqualTo(60.0);
        assertThat(lefs.score(new Answers(lefsRatings(3, 2), null)).score()).isEqualTo(50.0);
    }

    @Test
    void a_rise_of_nine_lefs_points_is_a_meaningful_change_and_eight_is_not() {
        assertThat(lefs.meaningful(52, 61)).isTrue();
        assertThat(lefs.meaningful(52, 60)).isFalse();
        assertThat(lefs.meaningful(52, 76)).isTrue();
    }

    @Test
    void the_psfs_score_is_the_mean_of_the_clients_activities() {
        // Stratford's example: three activities rated 3, 5 and 4 average 4
        Answers three = new Answers(null, List.of(new Activity("Running 10 km", 3), new Activity("Stairs at work", 5),
                new Activity("Hill repeats", 4)));
        assertThat(psfs.score(three).score()).isEqualTo(4.0);
        assertThat(psfs.score(new Answers(null, List.of(new Activity("Running 10 km", 9)))).score()).isEqualTo(9.0);
        assertThat(psfs.score(new Answers(null, List.of(new Activity("Running", 3), new Activity("Jumping", 4))))
                .score()).isEqualTo(3.5);
    }

    @Test
    void a_rise_of_two_points_on_the_psfs_mean_is_a_meaningful_change() {
        assertThat(psfs.meaningful(3, 5)).isTrue();
        assertThat(psfs.meaningful(3, 4.9)).isFalse();
        assertThat(psfs.meaningful(3, 9)).isTrue();
    }

    @Test
    void every_wrong_answer_is_named_at_once() {
        Map<String, Integer> ratings = lefsRatings(3);
        ratings.remove("hopping");
        ratings.put("squatting", 5);
        ratings.put("cycling", 2);

        assertThatThrownBy(() -> lefs.score(new Answers(ratings, null))).isInstanceOfSatisfying(InvalidValueException.class,
                refused -> assertThat(refused.all()).containsOnlyKeys("items.cycling", "items.squatting", "items.hopping"));
        assertThatThrownBy(() -> psfs.score(new Answers(null, List.of(new Activity(" ", 3), new Activity("Running", 11)))))
                .isInstanceOfSatisfying(InvalidValueException.class, refused -> assertThat(refused.all())
                        .containsOnlyKeys("activities[0].name", "activities[1].rating"));
        assertThatThrownBy(() -> psfs.score(new Answers(null, List.of()))).isInstanceOfSatisfying(InvalidValueException.class,
                refused -> assertThat(refused.field()).isEqualTo("activities"));
        List<Activity> six = List.of(new Activity("a", 1), new Activity("b", 1), new Activity("c", 1), new Activity("d", 1),
                new Activity("e", 1), new Activity("f", 1));
        assertThatThrownBy(() -> psfs.score(new Answers(null, six))).isInstanceOf(InvalidValueException.class);
    }
}
