package io.mediapurge.api.ice;

import java.util.List;
import java.util.function.Function;

import io.mediapurge.api.ApiError;
import io.mediapurge.purge.ImmediatePurge;
import io.mediapurge.purge.ItemResult;
import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.Selector;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.text.Echo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * {@code DeleteMediaInfos}: up to 20 assets by MediaIds (or, when those are empty, InputURLs),
 * through the one pipeline. Everything not in IgnoredList or ForbiddenList was deleted. Files OSS
 * would not delete within the retry budget fail the call with ServiceUnAvailable naming them,
 * while what was deleted stays deleted; a repeated call ignores what is already gone.
 */
@ApplicationScoped
public class DeleteMediaInfos implements IceAction {

    static final int MAX_SELECTORS = 20;

    @Inject
    ImmediatePurge purge;

    @Override
    public String name() {
        return "DeleteMediaInfos";
    }

    @Override
    public JsonObjectBuilder handle(IceCall call) {
        IceParameters p = call.parameters();
        List<Selector> selectors = selectors(p, "MediaIds", Selector::mediaId);
        if (selectors.isEmpty()) {
            selectors = selectors(p, "InputURLs", Selector::url);
        }
        if (selectors.isEmpty()) {
            throw ApiError.missingParameter("MediaIds");
        }
        boolean physical = p.bool("DeletePhysicalFiles", false);
        ImmediatePurge.Result result = purge.run(SubmissionSource.API, call.principal(),
                call.principal().accountUid() + "/" + call.principal().userName(), physical, false, selectors);

        List<ItemResult> failed = result.with(Outcome.FAILED);
        if (!failed.isEmpty()) {
            throw ApiError.serviceUnavailable("The files of " + failed.size() + " media could not be deleted from OSS ("
                    + String.join(", ", failed.stream().map(f -> Echo.of(f.selector().text()) + ": " + f.reason()).toList())
                    + "); everything else in this call was handled. Call again to retry them.");
        }
        return Json.createObjectBuilder()
                .add("IgnoredList", echo(result.with(Outcome.IGNORED)))
                .add("ForbiddenList", echo(result.with(Outcome.FORBIDDEN)));
    }

    private static List<Selector> selectors(IceParameters p, String name, Function<String, Selector> kind) {
        List<String> texts = p.list(name, MAX_SELECTORS);
        for (String text : texts) {
            if (text.length() > ImmediatePurge.MAX_SELECTOR_LENGTH) {
                throw ApiError.invalidParameter(name, "an entry is longer than " + ImmediatePurge.MAX_SELECTOR_LENGTH + " characters");
            }
        }
        return texts.stream().map(kind).toList();
    }

    private static JsonArrayBuilder echo(List<ItemResult> items) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        items.forEach(i -> list.add(i.selector().text()));
        return list;
    }
}
