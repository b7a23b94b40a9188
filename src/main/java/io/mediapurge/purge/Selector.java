package io.mediapurge.purge;

/** How a caller named one asset to delete: the text exactly as written, echoed back in answers. */
public record Selector(String text, SelectorType type) {

    public static Selector mediaId(String text) {
        return new Selector(text, SelectorType.MEDIA_ID);
    }

    public static Selector url(String text) {
        return new Selector(text, SelectorType.URL);
    }
}
