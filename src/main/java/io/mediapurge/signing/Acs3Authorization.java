package io.mediapurge.signing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The parts of an {@code ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..} header, in any order. */
record Acs3Authorization(String credential, String signedHeaders, List<String> signedHeaderNames, String signature) {

    static final String ALGORITHM = "ACS3-HMAC-SHA256";
    /** Far above what a real header holds (an AccessKeyId, a dozen header names, 64 hex digits). */
    static final int MAX_LENGTH = 2048;

    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9-]+");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7e]*");

    static Acs3Authorization parse(String header) {
        if (header.length() > MAX_LENGTH) {
            throw incomplete("The Authorization header is too long.");
        }
        if (!PRINTABLE_ASCII.matcher(header).matches()) {
            throw incomplete("The Authorization header holds characters that are not printable ASCII.");
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            throw incomplete("The Authorization header must start with " + ALGORITHM + ", the only signature algorithm accepted.");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : trimmed.substring(space + 1).split(",")) {
            String item = part.strip();
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw incomplete("The Authorization header must be " + ALGORITHM + " Credential=...,SignedHeaders=...,Signature=....");
            }
            String name = item.substring(0, equals);
            if (!name.equals("Credential") && !name.equals("SignedHeaders") && !name.equals("Signature")) {
                throw incomplete("The Authorization header has a part other than Credential, SignedHeaders and Signature.");
            }
            if (parts.put(name, item.substring(equals + 1).strip()) != null) {
                throw incomplete("The Authorization header names " + name + " twice.");
            }
        }
        String credential = required(parts, "Credential");
        String signedHeaders = required(parts, "SignedHeaders");
        String signature = required(parts, "Signature");
        List<String> names = new ArrayList<>();
        HashSet<String> seen = new HashSet<>();
        for (String name : signedHeaders.split(";", -1)) {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw incomplete("SignedHeaders must be lower-case header names separated by ';'.");
            }
            if (!seen.add(name)) {
                throw incomplete("SignedHeaders names a header twice.");
            }
            names.add(name);
        }
        return new Acs3Authorization(credential, signedHeaders, List.copyOf(names), signature);
    }

    private static String required(Map<String, String> parts, String name) {
        String value = parts.get(name);
        if (value == null || value.isEmpty()) {
            throw incomplete("The Authorization header has no " + name + ".");
        }
        return value;
    }

    private static SignatureRejected incomplete(String detail) {
        return new SignatureRejected(SignatureFailure.INCOMPLETE_SIGNATURE, detail);
    }
}
