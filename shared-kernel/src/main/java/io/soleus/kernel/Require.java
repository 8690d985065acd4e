package io.soleus.kernel;

import java.time.ZoneId;
import java.util.Collection;
import java.util.regex.Pattern;

/** The checks the contracts' compact constructors share; each failure names its field. */
public final class Require {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{6,20}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$");

    private Require() {
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, field + " is required");
        }
        return value;
    }

    public static String text(String field, String value, int maxLength) {
        present(field, value);
        if (value.isBlank()) {
            throw new InvalidValueException(field, field + " must not be blank");
        }
        return optionalText(field, value, maxLength);
    }

    public static String optionalText(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidValueException(field, field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field, field + " must be between " + min + " and " + max);
        }
        return value;
    }

    public static String email(String field, String value) {
        text(field, value, 254);
        if (!EMAIL.matcher(value).matches()) {
            throw new InvalidValueException(field, field + " is not an email address");
        }
        return value;
    }

    public static String optionalPhone(String field, String value) {
        if (value != null && !PHONE.matcher(value).matches()) {
            throw new InvalidValueException(field, field + " is not a phone number");
        }
        return value;
    }

    public static String language(String field, String value) {
        if (value == null) {
            return "en";
        }
        if (!LANGUAGE.matcher(value).matches()) {
            throw new InvalidValueException(field, field + " is not a language tag such as 'en'");
        }
        return value;
    }

    public static String zone(String field, String value) {
        text(field, value, 64);
        try {
            ZoneId.of(value);
        } catch (RuntimeException e) {
            throw new InvalidValueException(field, field + " is not a time zone");
        }
        return value;
    }

    public static <C extends Collection<?>> C size(String field, C values, int min, int max) {
        present(field, values);
        if (values.size() < min || values.size() > max) {
            throw new InvalidValueException(field, field + " must hold between " + min + " and " + max + " entries");
        }
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidValueException(field, field + " must not hold empty entries");
        }
        return values;
    }
}
