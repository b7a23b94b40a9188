package io.mediapurge.api.ice;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaFile;
import io.mediapurge.storage.OssUrl;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** An asset in the IMS wire shape: {@code MediaInfo{MediaId, MediaBasicInfo, FileInfoList}}. */
final class MediaInfoJson {

    private static final DateTimeFormatter IMS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private MediaInfoJson() {
    }

    static JsonObject of(MediaAsset asset) {
        JsonObjectBuilder basic = Json.createObjectBuilder()
                .add("MediaId", asset.getMediaId())
                .add("InputURL", asset.getInputUrl())
                .add("MediaType", asset.getMediaType())
                .add("Status", asset.getStatus().name())
                .add("CreateTime", time(asset.getCreatedAt()))
                .add("ModifiedTime", time(asset.getModifiedAt()));
        optional(basic, "BusinessType", asset.getBusinessType());
        optional(basic, "Source", asset.getSource());
        optional(basic, "Title", asset.getTitle());
        optional(basic, "Description", asset.getDescription());
        optional(basic, "MediaTags", asset.getMediaTags());
        optional(basic, "CoverURL", asset.getCoverUrl());
        optional(basic, "UserData", asset.getUserData());
        optional(basic, "ReferenceId", asset.getReferenceId());
        if (asset.getCateId() != null) {
            basic.add("CateId", asset.getCateId());
        }
        if (asset.getDeletedAt() != null) {
            basic.add("DeletedTime", time(asset.getDeletedAt()));
        }
        JsonArrayBuilder files = Json.createArrayBuilder();
        for (MediaFile file : asset.getFiles()) {
            files.add(Json.createObjectBuilder().add("FileBasicInfo", fileBasicInfo(file)));
        }
        return Json.createObjectBuilder()
                .add("MediaId", asset.getMediaId())
                .add("MediaBasicInfo", basic)
                .add("FileInfoList", files)
                .build();
    }

    private static JsonObjectBuilder fileBasicInfo(MediaFile file) {
        String key = file.getObjectKey();
        JsonObjectBuilder info = Json.createObjectBuilder()
                .add("FileName", key.substring(key.lastIndexOf('/') + 1))
                .add("FileUrl", new OssUrl(file.getBucket(), key, file.getRegion()).httpsUrl())
                .add("FileStatus", "Normal")
                .add("FileType", file.getRole().name().toLowerCase(Locale.ROOT) + "_file")
                .add("Region", file.getRegion())
                .add("CreateTime", time(file.getCreatedAt()))
                .add("ModifiedTime", time(file.getCreatedAt()));
        if (file.getSizeBytes() != null) {
            info.add("FileSize", String.valueOf(file.getSizeBytes()));
        }
        return info;
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    static String time(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).format(IMS_TIME);
    }
}
