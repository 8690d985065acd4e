package io.soleus.platform.tracing;

import java.util.List;
import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * Keeps secrets that travel in a URL's path (a calendar feed's link) out of traces: in every URL a
 * span records, the path segment after one of the given prefixes reads {@code [secret]}. Metrics
 * name the route's pattern, not the path, and need nothing.
 */
final class SecretPaths implements ObservationFilter {

    private final Pattern secret;

    SecretPaths(List<String> prefixes) {
        this.secret = Pattern.compile("(" + String.join("|", prefixes.stream().map(Pattern::quote).toList()) + ")[^/?#]+");
    }

    @Override
    public Observation.Context map(Observation.Context context) {
        for (KeyValue value : context.getHighCardinalityKeyValues().stream().toList()) {
            String redacted = redact(value.getValue());
            if (!redacted.equals(value.getValue())) {
                context.addHighCardinalityKeyValue(KeyValue.of(value.getKey(), redacted));
            }
        }
        for (KeyValue value : context.getLowCardinalityKeyValues().stream().toList()) {
            String redacted = redact(value.getValue());
            if (!redacted.equals(value.getValue())) {
                context.addLowCardinalityKeyValue(KeyValue.of(value.getKey(), redacted));
            }
        }
        return context;
    }

    String redact(String value) {
        return value == null ? null : secret.matcher(value).replaceAll("$1[secret]");
    }
}
