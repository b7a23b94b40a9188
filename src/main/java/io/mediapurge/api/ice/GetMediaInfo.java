package io.mediapurge.api.ice;

import java.util.List;

import io.mediapurge.api.ApiError;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaRegistry;
import io.mediapurge.registry.ServiceRegion;
import io.mediapurge.storage.OssUrl;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/** {@code GetMediaInfo}: one asset by MediaId or by the URL of one of its files. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class GetMediaInfo implements IceAction {

    static final String ACTION = "ice:GetMediaInfo";

    @Inject
    MediaRegistry registry;

    @Inject
    ServiceRegion region;

    @Override
    public String name() {
        return "GetMediaInfo";
    }

    @Override
    public JsonObjectBuilder handle(IceCall call) {
        var mediaId = call.parameters().optional("MediaId", 64);
        MediaAsset asset;
        if (mediaId.isPresent()) {
            asset = registry.byMediaId(mediaId.get()).orElse(null);
        } else {
            String inputUrl = call.parameters().optional("InputURL")
                    .orElseThrow(() -> ApiError.missingParameter("MediaId"));
            OssUrl url = IceParameters.ossUrl("InputURL", inputUrl, region.id());
            asset = registry.byFilesOf(call.principal().accountUid(), List.of(url.object())).get(url.object());
        }
        MediaAsset visible = MediaVisibility.visible(call, asset)
                .orElseThrow(() -> ApiError.notFound("The specified media does not exist."));
        if (!MediaVisibility.allowed(call, ACTION, visible)) {
            throw ApiError.forbidden("You are not authorized to perform GetMediaInfo on this media.");
        }
        return Json.createObjectBuilder().add("MediaInfo", MediaInfoJson.of(visible));
    }
}
