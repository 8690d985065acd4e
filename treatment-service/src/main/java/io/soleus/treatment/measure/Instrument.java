package io.soleus.treatment.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.soleus.kernel.InvalidValueException;
import io.soleus.treatment.Localized;

/**
 * A validated outcome questionnaire as data: its items (or, for a patient-specific scale, the
 * activities the client names), the rating scale, how a score is made of the ratings (their sum or
 * their mean) and the minimal important change on that score. A version never changes once answered.
 */
public record Instrument(String instrument, int version, Localized name, Localized introduction, Scoring scoring,
                         List<Level> scale, List<Item> items, Activities activities, String source) {

    public Instrument {
        Objects.requireNonNull(instrument, "instrument");
        scale = List.copyOf(scale);
        items = items == null ? List.of() : List.copyOf(items);
        if (items.isEmpty() == (activities == null)) {
            throw new IllegalArgumentException(instrument + " v" + version + " rates either fixed items or the client's activities");
        }
    }

    public enum Method {
        SUM, MEAN
    }

    /** The score's range, how it is made, and the smallest rise that matters to a client. */
    public record Scoring(Method method, int min, int max, double minimalImportantChange) {
    }

    /** A point of the rating scale with its words. */
    public record Level(int value, Localized text) {
    }

    public record Item(String id, Localized text) {
    }

    /** How many activities a client names, and an example of one. */
    public record Activities(int min, int max, Localized example) {
    }

    /** An activity the client named and how able she is to do it today. */
    public record Activity(String name, Integer rating) {
    }

    /** Ratings of fixed items by id, or of the client's own activities. */
    public record Answers(Map<String, Integer> items, List<Activity> activities) {
    }

    /** The answers as kept, and their score. */
    public record Scored(Answers answers, double score) {
    }

    public int lowest() {
        return scale.get(0).value();
    }

    public int highest() {
        return scale.get(scale.size() - 1).value();
    }

    /**
     * The answers checked and scored: every item rated (or one to {@code activities.max} activities
     * named and rated), each rating on the scale; every wrong answer is refused at once, naming its field.
     */
    public Scored score(Answers answers) {
        Map<String, String> refused = new LinkedHashMap<>();
        List<Integer> ratings = new ArrayList<>();
        Answers kept;
        if (activities == null) {
            Map<String, Integer> given = answers == null || answers.items() == null ? Map.of() : answers.items();
            given.keySet().stream().filter(id -> items.stream().noneMatch(item -> item.id().equals(id)))
                    .forEach(id -> refused.put("items." + id, "this questionnaire has no such item"));
            Map<String, Integer> rated = new LinkedHashMap<>();
            for (Item item : items) {
                Integer rating = rate("items." + item.id(), given.get(item.id()), refused);
                if (rating != null) {
                    rated.put(item.id(), rating);
                    ratings.add(rating);
                }
            }
            kept = new Answers(rated, null);
        } else {
            List<Activity> given = answers == null || answers.activities() == null ? List.of() : answers.activities();
            if (given.size() < activities.min() || given.size() > activities.max()) {
                refused.put("activities", "name from " + activities.min() + " to " + activities.max() + " activities");
            }
            List<Activity> rated = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                Activity activity = given.get(i);
                String field = "activities[" + i + "]";
                String name = activity == null || activity.name() == null ? "" : activity.name().strip();
                if (name.isEmpty() || name.length() > 120) {
                    refused.put(field + ".name", "name the activity, in at most 120 characters");
                }
                Integer rating = rate(field + ".rating", activity == null ? null : activity.rating(), refused);
                if (rating != null && !name.isEmpty()) {
                    rated.add(new Activity(name, rating));
                    ratings.add(rating);
                }
            }
            kept = new Answers(null, rated);
        }
        if (!refused.isEmpty()) {
            throw new InvalidValueException(refused);
        }
        int sum = ratings.stream().mapToInt(Integer::intValue).sum();
        double score = scoring.method() == Method.SUM ? sum : (double) sum / ratings.size();
        return new Scored(kept, score);
    }

    /** Whether a rise from {@code baseline} to {@code latest} is at least the minimal important change. */
    public boolean meaningful(double baseline, double latest) {
        return latest - baseline >= scoring.minimalImportantChange() - 1e-9;
    }

    private Integer rate(String field, Integer rating, Map<String, String> refused) {
        if (rating == null || rating < lowest() || rating > highest()) {
            refused.put(field, "a rating from " + lowest() + " to " + highest());
            return null;
        }
        return rating;
    }
}
