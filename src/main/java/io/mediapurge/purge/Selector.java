package io.mediapurge.purge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How a caller named one asset to delete: the text exactly as written, echoed back in answers. */
public record Selector(String text, SelectorType type) {

    /** Longer selectors are refused at the door: a column holds them as written. */
    public static final int MAX_LENGTH = ImmediatePurge.MAX_SELECTOR_LENGTH;

    public static Selector mediaId(String text) {
        return new Selector(text, SelectorType.MEDIA_ID);
    }

    public static Selector url(String text) {
        return new Selector(text, SelectorType.URL);
    }

    /** A selector whose kind is not given: a URL when it has a scheme ({@code ://}), else a media ID. */
    public static Selector of(String text) {
        return text.contains("://") ? url(text) : mediaId(text);
    }

    /**
     * Why {@code text} cannot even be stored as a selector, or null when it can. Whether it names
     * an asset is the pipeline's question (it ends IGNORED); this only keeps out what no column,
     * report or log should hold: nothing, runaway lengths, control characters, undecodable bytes.
     */
    public static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "empty";
        }
        if (text.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // U+FFFD is what the UTF-8 decoder leaves for bytes that are not UTF-8.
            if (c < 0x20 || c == 0x7f || c == '\uFFFD') {
                return "not text: control characters or bytes that are not UTF-8";
            }
        }
        return null;
    }

    /** The selector's identity within a submission, short enough for a unique index. */
    public String digest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(type.name().getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) ':');
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
