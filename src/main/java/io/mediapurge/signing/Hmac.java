package io.mediapurge.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash every Alibaba signature scheme is built from (HmacSHA1 for ACS v1 and OSS v1,
 * HmacSHA256 for ACS3 and OSS v4), over UTF-8 text. Used by the doors' verifier and by the
 * development OSS endpoint's check of the SDK's signatures.
 */
public final class Hmac {

    public static final String SHA1 = "HmacSHA1";
    public static final String SHA256 = "HmacSHA256";

    private Hmac() {
    }

    public static byte[] of(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
