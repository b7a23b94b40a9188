package io.mediapurge.storage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The location of a file as DeleteMediaInfos accepts it, parsed and normalised:
 * {@code http(s)://BUCKET.oss-REGION[-internal].aliyuncs.com/KEY} or {@code oss://BUCKET/KEY}.
 * Parsing never fetches anything; every other form is rejected with a reason, because a URL
 * the service cannot prove to be an OSS object of a valid bucket must not be acted on.
 *
 * @param region from the host name, or the service's region for {@code oss://}
 */
public record OssUrl(String bucket, String key, String region) {

    /** What parsing made of one input: accepted with its URL, or rejected with a reason. */
    public sealed interface Parsed permits Accepted, Rejected {
        /** The input exactly as given, to echo in IgnoredList. */
        String input();
    }

    public record Accepted(String input, OssUrl url) implements Parsed {
    }

    public record Rejected(String input, String reason) implements Parsed {
    }

    /** Inputs longer than this are refused before any parsing (a key is at most 1023 bytes). */
    static final int MAX_INPUT_LENGTH = 4096;
    static final int MAX_KEY_BYTES = 1023;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(?:-[a-z0-9]+){1,3}");
    private static final Pattern OSS_HOST = Pattern.compile(
            "([^.]+)\\.oss-([a-z0-9-]+?)(-internal)?\\.aliyuncs\\.com");

    /**
     * @param serviceRegion the region {@code oss://} URLs are in (the service's own region)
     */
    public static Parsed parse(String input, String serviceRegion) {
        String reason = null;
        OssUrl url = null;
        try {
            url = parseOrThrow(input, serviceRegion);
        } catch (IllegalArgumentException e) {
            reason = e.getMessage();
        }
        return url == null ? new Rejected(input, reason) : new Accepted(input, url);
    }

    /** The object this URL names. */
    public OssObject object() {
        return new OssObject(bucket, key);
    }

    /**
     * One spelling per object, for comparing and storing: {@code oss://BUCKET/KEY} with the key
     * percent-encoded (RFC 3986, slashes kept). Parsing it again gives the same URL.
     */
    public String canonical() {
        return "oss://" + bucket + "/" + encode(key);
    }

    /** The public HTTPS form of this object in its region. */
    public String httpsUrl() {
        return "https://" + bucket + ".oss-" + region + ".aliyuncs.com/" + encode(key);
    }

    @Override
    public String toString() {
        return canonical();
    }

    private static OssUrl parseOrThrow(String input, String serviceRegion) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("empty URL");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new IllegalArgumentException("URL longer than " + MAX_INPUT_LENGTH + " characters");
        }
        String text = input.strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                throw new IllegalArgumentException("control character or space in the URL");
            }
            if (c == '\\') {
                throw new IllegalArgumentException("backslash in the URL");
            }
        }
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not an absolute URL (http, https or oss expected)");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = text.substring(schemeEnd + 3);
        // The query and fragment are no part of the object; cut them before reading the path.
        int end = indexOfAny(rest, '?', '#');
        if (end >= 0) {
            rest = rest.substring(0, end);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String rawKey = slash < 0 ? "" : rest.substring(slash + 1);
        if (authority.indexOf('@') >= 0) {
            throw new IllegalArgumentException("user information in the URL");
        }
        if (authority.startsWith("[")) {
            throw new IllegalArgumentException("not an OSS host (an IP address)");
        }
        if (authority.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a port in the URL");
        }
        if (authority.indexOf('%') >= 0) {
            throw new IllegalArgumentException("percent-encoding in the host");
        }
        String bucket;
        String region;
        switch (scheme) {
            case "oss" -> {
                bucket = authority;
                region = serviceRegion;
                if (region == null || !REGION.matcher(region).matches()) {
                    throw new IllegalArgumentException("no valid service region for oss:// URLs");
                }
            }
            case "http", "https" -> {
                // Host names are case-insensitive; the bucket in them is its lower-case name.
                Matcher host = OSS_HOST.matcher(authority.toLowerCase(Locale.ROOT));
                if (!host.matches()) {
                    throw new IllegalArgumentException("not an OSS host (BUCKET.oss-REGION.aliyuncs.com expected)");
                }
                bucket = host.group(1);
                region = host.group(2);
                if (!REGION.matcher(region).matches()) {
                    throw new IllegalArgumentException("not a valid OSS region: " + region);
                }
            }
            default -> throw new IllegalArgumentException("unsupported scheme " + scheme + ": (http, https or oss expected)");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("invalid bucket name (3-63 lower-case letters, digits, hyphens; "
                    + "starting and ending with a letter or digit)");
        }
        return new OssUrl(bucket, checkKey(decode(rawKey)), region);
    }

    private static String checkKey(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty object key");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("object key longer than " + MAX_KEY_BYTES + " bytes");
        }
        if (key.startsWith("/") || key.startsWith("\\")) {
            throw new IllegalArgumentException("object key starting with a slash");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                throw new IllegalArgumentException("control character in the object key");
            }
            if (c == '\\') {
                throw new IllegalArgumentException("backslash in the object key");
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("dot segment in the object key");
            }
        }
        return key;
    }

    /** Percent-decodes once, UTF-8, {@code +} kept as a plus sign. */
    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("malformed percent-encoding in the object key");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                int codePoint = raw.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("object key is not UTF-8 once decoded");
        }
    }

    static String encode(String key) {
        StringBuilder out = new StringBuilder(key.length() + 16);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
