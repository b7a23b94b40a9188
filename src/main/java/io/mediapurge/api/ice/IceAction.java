package io.mediapurge.api.ice;

import jakarta.json.JsonObjectBuilder;

/** One operation of the IMS-compatible API; the door adds the RequestId to what it answers. */
public interface IceAction {

    /** The action name as in {@code x-acs-action} / {@code Action}, e.g. {@code GetMediaInfo}. */
    String name();

    JsonObjectBuilder handle(IceCall call);
}
