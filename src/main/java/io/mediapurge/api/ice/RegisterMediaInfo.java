package io.mediapurge.api.ice;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.mediapurge.access.BucketGrantDirectory;
import io.mediapurge.access.ResourceArn;
import io.mediapurge.api.ApiError;
import io.mediapurge.registry.FileRole;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaRegistry;
import io.mediapurge.registry.MediaStatus;
import io.mediapurge.registry.ServiceRegion;
import io.mediapurge.storage.ObjectFacts;
import io.mediapurge.storage.ObjectStoreConnection;
import io.mediapurge.storage.ObjectStoreException;
import io.mediapurge.storage.OssUrl;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * {@code RegisterMediaInfo}: registers an object that exists in OSS (checked with a HEAD) as an
 * asset of the caller's account. The account must have granted the object's bucket to the
 * service, as IMS needs the bucket authorized for its service role; it is checked before OSS is
 * asked anything, so nobody learns through us whether another's objects exist or how big they are. Registering the same file again answers the existing MediaId
 * (with {@code Overwrite=true} its description is replaced); a repeated {@code ClientToken}
 * answers the asset that token created.
 */
@ApplicationScoped
@Transactional
public class RegisterMediaInfo implements IceAction {

    static final String ACTION = "ice:RegisterMediaInfo";
    static final Set<String> MEDIA_TYPES = Set.of("video", "audio", "image", "text");

    @Inject
    MediaRegistry registry;

    @Inject
    ServiceRegion region;

    @Inject
    ObjectStoreConnection objectStore;

    @Inject
    BucketGrantDirectory bucketGrants;

    @Override
    public String name() {
        return "RegisterMediaInfo";
    }

    @Override
    public JsonObjectBuilder handle(IceCall call) {
        IceParameters p = call.parameters();
        String inputUrl = p.required("InputURL");
        OssUrl url = IceParameters.ossUrl("InputURL", inputUrl, region.id());
        String owner = call.principal().accountUid();
        if (!call.permissions().decide(ACTION, ResourceArn.media(region.id(), owner, "*")).allowed()) {
            throw ApiError.forbidden("You are not authorized to perform RegisterMediaInfo.");
        }
        if (!bucketGrants.forAccount(owner).grants(url.bucket())) {
            throw ApiError.forbidden("Account " + owner + " has not authorized this service on bucket " + url.bucket()
                    + "; grant the bucket (bucketGrants) before registering its files.");
        }
        String mediaType = p.optional("MediaType", 16).map(t -> t.toLowerCase(Locale.ROOT)).orElse("video");
        if (!MEDIA_TYPES.contains(mediaType)) {
            throw ApiError.invalidParameter("MediaType", "must be one of video, audio, image, text");
        }
        Optional<String> clientToken = p.optional("ClientToken", 64);
        Description description = Description.of(p);
        boolean overwrite = p.bool("Overwrite", false);

        if (clientToken.isPresent()) {
            Optional<MediaAsset> earlier = registry.byClientToken(owner, clientToken.get());
            if (earlier.isPresent()) {
                return answer(earlier.get());
            }
        }
        MediaAsset registered = registry.byFilesOf(owner, List.of(url.object())).get(url.object());
        if (registered != null && registered.getStatus() == MediaStatus.Normal) {
            if (overwrite) {
                description.applyTo(registered);
            }
            return answer(registered);
        }
        ObjectFacts facts = head(url);
        MediaAsset asset = new MediaAsset(MediaAsset.newMediaId(), owner, url.region(), url.canonical(), mediaType);
        asset.setSource("OSS");
        clientToken.ifPresent(asset::setClientToken);
        description.applyTo(asset);
        asset.addFile(url.bucket(), url.key(), FileRole.SOURCE, facts.size());
        registry.add(asset);
        return answer(asset);
    }

    private ObjectFacts head(OssUrl url) {
        try {
            return objectStore.gateway().head(url.object())
                    .orElseThrow(() -> ApiError.invalidParameter("InputURL", "no such object in OSS: " + url.canonical()));
        } catch (ObjectStoreException e) {
            throw ApiError.serviceUnavailable("OSS could not be asked whether the object exists (" + e.code()
                    + "); try again later.");
        }
    }

    private static JsonObjectBuilder answer(MediaAsset asset) {
        return Json.createObjectBuilder().add("MediaId", asset.getMediaId());
    }


    /** The descriptive fields a registration sets, and an Overwrite replaces. */
    private record Description(String title, String description, String businessType, String tags,
            String coverUrl, String userData, String referenceId, Long cateId) {

        static Description of(IceParameters p) {
            return new Description(p.optional("Title", 256).orElse(null), p.optional("Description", 2048).orElse(null),
                    p.optional("BusinessType", 32).orElse(null), p.optional("MediaTags", 1024).orElse(null),
                    p.optional("CoverURL", 2048).orElse(null), p.optional("UserData", 4096).orElse(null),
                    p.optional("ReferenceId", 64).orElse(null), p.number("CateId").orElse(null));
        }

        void applyTo(MediaAsset asset) {
            asset.describe(title, description, businessType, tags, coverUrl, userData, referenceId, cateId);
        }
    }
}
