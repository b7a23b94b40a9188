package io.mediapurge.access;

import java.util.regex.Pattern;

/** The name of a resource as RAM policies see it: {@code acs:SERVICE:REGION:ACCOUNT_UID:RELATIVE_ID}. */
public record ResourceArn(String service, String region, String accountUid, String relativeId) {

    private static final Pattern SEGMENT = Pattern.compile("[^:\\s]+");

    public ResourceArn {
        requireSegment(service, "service");
        requireSegment(region, "region");
        if (!Principal.isAccountUid(accountUid)) {
            throw new IllegalArgumentException("account of a resource must be a 16-digit account UID");
        }
        if (relativeId == null || relativeId.isEmpty()) {
            throw new IllegalArgumentException("relative ID of a resource must not be empty");
        }
    }

    /** The name of a media asset: {@code acs:ice:REGION:OWNER_UID:media/MEDIA_ID}. */
    public static ResourceArn media(String region, String ownerUid, String mediaId) {
        return new ResourceArn("ice", region, ownerUid, "media/" + mediaId);
    }

    /** Reads a concrete resource name (no wildcards in the account); rejects anything else. */
    public static ResourceArn parse(String text) {
        String[] parts = text.split(":", 5);
        if (parts.length != 5 || !parts[0].equals("acs")) {
            throw new IllegalArgumentException("not a resource name acs:SERVICE:REGION:ACCOUNT:RELATIVE-ID");
        }
        return new ResourceArn(parts[1], parts[2], parts[3], parts[4]);
    }

    /** The name as policies match it. */
    @Override
    public String toString() {
        return "acs:" + service + ":" + region + ":" + accountUid + ":" + relativeId;
    }

    private static void requireSegment(String value, String what) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " of a resource must be non-empty, without ':' or spaces");
        }
    }
}
