package io.mediapurge.api.ice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mediapurge.api.ApiError;
import io.mediapurge.storage.OssUrl;

/**
 * The business parameters of one call, as the signature check decoded them, with the checks every
 * action shares: required, length, booleans, comma-separated lists de-duplicated and capped.
 */
public final class IceParameters {

    /** Longer values are refused, not truncated: nothing a caller sends is silently cut. */
    static final int MAX_VALUE_LENGTH = 128 * 1024;

    private final Map<String, String> values;

    public IceParameters(Map<String, String> values) {
        this.values = values;
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw ApiError.invalidParameter(name, "longer than " + MAX_VALUE_LENGTH + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            throw ApiError.invalidParameter(name, "contains control characters");
        }
        return Optional.of(value);
    }

    public Optional<String> optional(String name, int maxLength) {
        Optional<String> value = optional(name);
        if (value.isPresent() && value.get().length() > maxLength) {
            throw ApiError.invalidParameter(name, "longer than " + maxLength + " characters");
        }
        return value;
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> ApiError.missingParameter(name));
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.invalidParameter(name, "must be true or false");
        };
    }

    public Optional<Long> number(String name) {
        return optional(name, 19).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw ApiError.invalidParameter(name, "must be a number");
            }
        });
    }

    /**
     * A comma-separated list, blanks dropped, duplicates answered once (first spelling kept), at
     * most {@code max} entries: more is a client error, never a silent truncation.
     */
    public List<String> list(String name, int max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> items = new LinkedHashSet<>();
        for (String item : value.get().split(",")) {
            String trimmed = item.strip();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        if (items.size() > max) {
            throw ApiError.invalidParameter(name, "at most " + max + " entries are allowed per call, got " + items.size());
        }
        return new ArrayList<>(items);
    }

    /** An OSS URL parameter, or the reason it is not one (nothing is ever fetched from it). */
    static OssUrl ossUrl(String name, String value, String serviceRegion) {
        OssUrl.Parsed parsed = OssUrl.parse(value, serviceRegion);
        if (parsed instanceof OssUrl.Rejected rejected) {
            throw ApiError.invalidParameter(name, rejected.reason());
        }
        return ((OssUrl.Accepted) parsed).url();
    }
}
