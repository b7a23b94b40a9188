package io.mediapurge.api.ice;

import java.util.List;
import java.util.Map;

import io.mediapurge.api.ApiError;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/** {@code BatchGetMediaInfos}: up to 20 assets by MediaId in one query; the invisible are left out. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BatchGetMediaInfos implements IceAction {

    static final String ACTION = "ice:BatchGetMediaInfos";
    static final int MAX_IDS = 20;

    @Inject
    MediaRegistry registry;

    @Override
    public String name() {
        return "BatchGetMediaInfos";
    }

    @Override
    public JsonObjectBuilder handle(IceCall call) {
        List<String> mediaIds = call.parameters().list("MediaIds", MAX_IDS);
        if (mediaIds.isEmpty()) {
            throw ApiError.missingParameter("MediaIds");
        }
        Map<String, MediaAsset> found = registry.byMediaIds(mediaIds);
        JsonArrayBuilder infos = Json.createArrayBuilder();
        for (String mediaId : mediaIds) {
            MediaVisibility.visible(call, found.get(mediaId))
                    .filter(asset -> MediaVisibility.allowed(call, ACTION, asset))
                    .ifPresent(asset -> infos.add(MediaInfoJson.of(asset)));
        }
        return Json.createObjectBuilder().add("MediaInfos", infos);
    }
}
