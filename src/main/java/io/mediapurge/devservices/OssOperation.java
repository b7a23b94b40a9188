package io.mediapurge.devservices;

import java.util.Locale;
import java.util.Optional;

/** The OSS API operations the endpoint serves, named as in the OSS API reference. */
public enum OssOperation {
    CREATE_BUCKET("PutBucket"),
    DELETE_BUCKET("DeleteBucket"),
    PUT_OBJECT("PutObject"),
    GET_OBJECT("GetObject"),
    HEAD_OBJECT("HeadObject"),
    GET_OBJECT_META("GetObjectMeta"),
    DELETE_OBJECT("DeleteObject"),
    DELETE_MULTIPLE_OBJECTS("DeleteMultipleObjects"),
    LIST_OBJECTS_V2("ListObjectsV2"),
    /** Anything else; answered 501 NotImplemented, but still counted. */
    UNSUPPORTED("Unsupported");

    private final String apiName;

    OssOperation(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Accepts the API name ("DeleteMultipleObjects") or the constant name, in any case. */
    public static Optional<OssOperation> named(String name) {
        for (OssOperation op : values()) {
            if (op.apiName.equalsIgnoreCase(name) || op.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    static OssOperation of(String method, String bucket, String key, QueryParameters query) {
        String verb = method.toUpperCase(Locale.ROOT);
        if (bucket == null) {
            return UNSUPPORTED;
        }
        if (key == null) {
            return switch (verb) {
                case "PUT" -> query.isEmpty() ? CREATE_BUCKET : UNSUPPORTED;
                case "DELETE" -> query.isEmpty() ? DELETE_BUCKET : UNSUPPORTED;
                case "POST" -> query.has("delete") ? DELETE_MULTIPLE_OBJECTS : UNSUPPORTED;
                case "GET" -> "2".equals(query.first("list-type")) ? LIST_OBJECTS_V2 : UNSUPPORTED;
                default -> UNSUPPORTED;
            };
        }
        return switch (verb) {
            case "PUT" -> query.isEmpty() ? PUT_OBJECT : UNSUPPORTED;
            case "GET" -> GET_OBJECT;
            case "HEAD" -> query.has("objectMeta") ? GET_OBJECT_META : HEAD_OBJECT;
            case "DELETE" -> DELETE_OBJECT;
            default -> UNSUPPORTED;
        };
    }
}
