package io.mediapurge.signing;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The two encodings of Alibaba signatures: {@code pe()} for canonical strings, and form decoding of what arrives. */
final class PercentEncoding {

    private PercentEncoding() {
    }

    /** Alibaba's {@code percentEncode}: UTF-8 URL encoding with {@code %20}, {@code %2A} and a literal {@code ~}. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    /**
     * Form decoding ({@code +} is a space) of one name or value, strictly: a broken escape or
     * invalid UTF-8 is refused rather than guessed, so that what is verified is what is used.
     */
    static String decode(String raw) throws MalformedEncoding {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new MalformedEncoding();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new MalformedEncoding();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isSurrogate(c)) {
                    // A raw query is ASCII on the wire; anything else is not a query we signed.
                    throw new MalformedEncoding();
                }
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEncoding();
        }
    }

    /** A query or form that is not valid percent-encoded UTF-8. */
    static final class MalformedEncoding extends Exception {
        MalformedEncoding() {
            super("not valid percent-encoded UTF-8", null, false, false);
        }
    }
}
