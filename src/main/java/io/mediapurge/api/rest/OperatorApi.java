package io.mediapurge.api.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The operator REST API lives under {@code /api}; every call is signed (see {@link OperatorSignatureFilter}). */
@ApplicationPath("/api")
public class OperatorApi extends Application {
}
