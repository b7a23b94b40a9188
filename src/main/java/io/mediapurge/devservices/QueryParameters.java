package io.mediapurge.devservices;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query string of a request, decoded, in arrival order. A parameter without {@code =}
 * (like {@code ?delete}) has a null value, which the V4 canonical form needs to tell apart.
 */
record QueryParameters(List<Map.Entry<String, String>> entries) {

    static QueryParameters parse(String rawQuery) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = PercentCoding.decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? null : PercentCoding.decode(pair.substring(eq + 1));
                entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(name, value));
            }
        }
        return new QueryParameters(List.copyOf(entries));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean has(String name) {
        return entries.stream().anyMatch(e -> e.getKey().equals(name));
    }

    /** The first value of the parameter; null when absent or given without a value. */
    String first(String name) {
        return entries.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue)
                .filter(v -> v != null).findFirst().orElse(null);
    }
}
