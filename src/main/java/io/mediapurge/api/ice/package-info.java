/**
 * The IMS-compatible endpoint: routing on the signed action, parameters, the four actions
 * (RegisterMediaInfo, GetMediaInfo, BatchGetMediaInfos, DeleteMediaInfos). Signatures are
 * checked by io.mediapurge.signing; errors have the shape of io.mediapurge.api.ApiError.
 */
package io.mediapurge.api.ice;
