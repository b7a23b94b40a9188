package io.mediapurge.api.ice;

import java.util.Optional;

import io.mediapurge.access.Principal;

/** Who a verified access key belongs to, with their attached policies. */
public interface IceCallers {

    Optional<Principal> principal(String principalRef);
}
