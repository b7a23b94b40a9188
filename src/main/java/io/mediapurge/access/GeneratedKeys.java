package io.mediapurge.access;

import java.security.SecureRandom;

/** New access key IDs and secrets, letters and digits from a secure random source, for the demo account and the console alike. */
final class GeneratedKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private GeneratedKeys() {
    }

    /** An ID in the shape Alibaba Cloud's own keys have, so SDKs and log readers take it for one. */
    static String accessKeyId() {
        return "LTAI" + alphanumeric(20);
    }

    static String secret() {
        return alphanumeric(30);
    }

    private static String alphanumeric(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }
}
